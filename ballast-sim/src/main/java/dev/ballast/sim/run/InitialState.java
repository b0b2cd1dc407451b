package dev.ballast.sim.run;

import dev.ballast.core.catalog.NodeType;
import dev.ballast.core.catalog.ServingProfile;
import dev.ballast.core.scaling.ReplicaThroughput;
import dev.ballast.core.scaling.TokenMix;
import dev.ballast.core.service.ServiceSpec;
import dev.ballast.core.spi.NodePool;
import dev.ballast.sim.cluster.SimCluster;
import dev.ballast.sim.scenario.Scenario;
import dev.ballast.sim.scenario.TwinSettings;
import java.util.List;

/**
 * How a run begins: every contender alike starts warm, as a cluster that has been serving this
 * traffic, with each service's replicas on ready nodes that cache its model. Unless set, the
 * count is sized for the mean rate of the trace's first ten minutes at 70 % of a replica's
 * saturation rate (traces often start with a partial first minute), so no contender starts in a
 * hole that has nothing to do with its policy. A contender defined by a fixed size (static
 * provisioning) brings its own. A contender whose autoscaler cannot scale from zero (the HPA)
 * starts each service with a replica at least: at zero it would never serve it.
 */
final class InitialState {
  static final double SIZING_WINDOW_SECONDS = 600;
  static final double SIZING_UTILIZATION = 0.7;

  private InitialState() {}

  static void apply(Scenario scenario, Contender contender, SimCluster cluster, List<Twin.RequestSample> firstTenMinutes) {
    int configured = scenario.settings().get(TwinSettings.INITIAL_REPLICAS);
    for (NodePool pool : scenario.pools()) {
      for (int i = 0; i < pool.minNodes(); i++) {
        cluster.addNode(pool.id(), 0, true, null);
      }
    }
    List<ServiceSpec> services = scenario.services();
    for (int s = 0; s < services.size(); s++) {
      ServiceSpec spec = services.get(s);
      String gpu = scenario.deploymentGpuType().get(spec.id());
      ServingProfile profile = scenario.catalog().model(spec.modelId()).profileOn(gpu).orElseThrow();
      int wanted =
          contender.initialReplicas(scenario, s).orElse(configured >= 0 ? configured : sized(s, profile, firstTenMinutes));
      int replicas = spec.clamp(contender.scalesFromZero() ? wanted : Math.max(1, wanted));
      if (replicas == 0) {
        continue;
      }
      NodePool pool = poolFor(scenario, gpu);
      NodeType type = scenario.catalog().nodeType(pool.nodeTypeId());
      int perNode = type.gpuCount() / profile.gpusPerReplica();
      long slots =
          cluster.liveNodes().stream()
              .filter(n -> n.type().id().equals(pool.nodeTypeId()))
              .mapToLong(n -> n.gpusFree() / profile.gpusPerReplica())
              .sum();
      while (slots < replicas && cluster.nodesInPool(pool.id()) < pool.maxNodes()) {
        cluster.addNode(pool.id(), 0, true, spec.modelId());
        slots += perNode;
      }
      for (int r = 0; r < replicas; r++) {
        cluster.createPod(s, gpu, 0, true);
      }
    }
  }

  static NodePool poolFor(Scenario scenario, String gpuTypeId) {
    for (NodePool pool : scenario.pools()) {
      NodeType t = scenario.catalog().nodeType(pool.nodeTypeId());
      if (t.gpu() != null && t.gpu().id().equals(gpuTypeId)) {
        return pool;
      }
    }
    throw new IllegalArgumentException("no node pool offers " + gpuTypeId);
  }

  private static int sized(int service, ServingProfile profile, List<Twin.RequestSample> firstTenMinutes) {
    long count = 0;
    double in = 0;
    double out = 0;
    for (Twin.RequestSample r : firstTenMinutes) {
      if (r.service() == service) {
        count++;
        in += r.input();
        out += r.output();
      }
    }
    if (count == 0) {
      return 0;
    }
    TokenMix mix = new TokenMix(in / count, Math.max(1, out / count));
    return ReplicaThroughput.replicasFor(profile, mix, count / SIZING_WINDOW_SECONDS, SIZING_UTILIZATION);
  }
}
