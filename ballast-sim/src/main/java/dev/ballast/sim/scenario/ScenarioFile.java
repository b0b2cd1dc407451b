package dev.ballast.sim.scenario;

import java.util.List;
import java.util.Map;

/**
 * The YAML scenario file as written (docs/configuration.md). Every field is optional; what is left
 * out comes from the default scenario.
 */
record ScenarioFile(
    String name,
    TraceRef trace,
    CatalogOverrides catalog,
    List<ServiceEntry> services,
    ServiceEntry serviceTemplate,
    List<PoolEntry> pools,
    Map<String, Object> settings) {

  record TraceRef(String path, String format, Double rateScale, Double timeScale) {}

  record CatalogOverrides(List<GpuEntry> gpus, List<NodeTypeEntry> nodeTypes) {}

  record GpuEntry(String id, Long memoryMiB, Double memoryBandwidthGBps, Boolean mig, Double pricePerGpuHour) {}

  record NodeTypeEntry(
      String id,
      String gpu,
      Integer gpuCount,
      Double cpu,
      Double memoryGiB,
      Long diskGiB,
      Double pricePerHour,
      Double diskPricePerGiBMonth,
      Startup startup) {}

  record Startup(Delay vmToReady, Delay gpuAllocatable, Delay resumeFromStopped) {}

  record Delay(String median, String p90) {}

  record ServiceEntry(
      String id, String model, String gpuType, List<String> allowedGpuTypes, Slo slo, Integer minReplicas, Integer maxReplicas) {}

  record Slo(String ttft, Double share) {}

  record PoolEntry(String id, String nodeType, Integer minNodes, Integer maxNodes) {}
}
