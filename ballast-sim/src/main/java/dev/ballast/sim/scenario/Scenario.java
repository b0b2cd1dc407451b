package dev.ballast.sim.scenario;

import dev.ballast.core.catalog.Catalog;
import dev.ballast.core.config.Settings;
import dev.ballast.core.service.ServiceSpec;
import dev.ballast.core.spi.NodePool;
import dev.ballast.sim.trace.Trace;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a run replays: the trace, the catalog, the services (one per trace service, in the
 * trace's order), the GPU type each service's deployment asks for, the node pools and the settings.
 */
public record Scenario(
    String name,
    Trace trace,
    Catalog catalog,
    List<ServiceSpec> services,
    Map<String, String> deploymentGpuType,
    List<NodePool> pools,
    Settings settings) {

  public Scenario {
    Objects.requireNonNull(trace, "trace");
    deploymentGpuType = Map.copyOf(deploymentGpuType);
    Map<String, String> gpus = deploymentGpuType;
    services = services.stream().map(s -> pinned(s, gpus)).toList();
    pools = List.copyOf(pools);
    if (services.size() != trace.services().size()) {
      throw new IllegalArgumentException(
          "scenario has " + services.size() + " services but the trace has " + trace.services().size());
    }
    for (ServiceSpec s : services) {
      String gpu = deploymentGpuType.get(s.id());
      if (gpu == null) {
        throw new IllegalArgumentException("service " + s.id() + " has no GPU type for its deployment");
      }
      if (catalog.model(s.modelId()).profileOn(gpu).isEmpty()) {
        throw new IllegalArgumentException(
            "service " + s.id() + ": model " + s.modelId() + " has no serving profile on " + gpu);
      }
      if (!s.allowsGpu(gpu)) {
        throw new IllegalArgumentException("service " + s.id() + ": its gpuType " + gpu + " is not among its allowedGpuTypes " + s.allowedGpuTypes());
      }
      for (String allowed : s.allowedGpuTypes()) {
        if (catalog.model(s.modelId()).profileOn(allowed).isEmpty()) {
          throw new IllegalArgumentException(
              "service " + s.id() + ": model " + s.modelId() + " has no serving profile on allowed GPU type " + allowed);
        }
        boolean pooled =
            pools.stream().anyMatch(p -> catalog.nodeType(p.nodeTypeId()).gpu() != null
                && catalog.nodeType(p.nodeTypeId()).gpu().id().equals(allowed));
        if (!pooled) {
          throw new IllegalArgumentException("service " + s.id() + " runs on " + allowed + " but no node pool offers that GPU type");
        }
      }
    }
  }

  /** A service without a GPU-type restriction runs on its deployment's type, as its pods ask for. */
  private static ServiceSpec pinned(ServiceSpec s, Map<String, String> gpu) {
    if (!s.allowedGpuTypes().isEmpty() || gpu.get(s.id()) == null) {
      return s;
    }
    return new ServiceSpec(s.id(), s.modelId(), s.slo(), s.minReplicas(), s.maxReplicas(), List.of(gpu.get(s.id())));
  }

  public Scenario withTrace(Trace other) {
    return new Scenario(name, other, catalog, services, deploymentGpuType, pools, settings);
  }

  public Scenario withSettings(Settings other) {
    return new Scenario(name, trace, catalog, services, deploymentGpuType, pools, other);
  }
}
