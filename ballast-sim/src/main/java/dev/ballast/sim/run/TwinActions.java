package dev.ballast.sim.run;

import dev.ballast.core.service.ServiceSpec;
import dev.ballast.core.spi.Action;
import dev.ballast.core.spi.Actions;
import dev.ballast.core.spi.NodePool;
import dev.ballast.core.spi.PodPhase;
import dev.ballast.sim.cluster.SimCluster;
import dev.ballast.sim.cluster.SimNode;
import dev.ballast.sim.cluster.SimPod;
import dev.ballast.sim.engine.VirtualClock;
import dev.ballast.sim.scenario.Scenario;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The twin's side of the {@link Actions} port: carries out actions on the simulated cluster. */
final class TwinActions implements Actions {
  /**
   * Which pods a ReplicaSet deletes first when scaling down (kubernetes/kubernetes
   * pkg/controller/controller_utils.go ActivePodsWithRanks): unassigned before assigned, not-ready
   * before ready, then the most recently changed first.
   */
  static final Comparator<SimPod> DELETION_ORDER =
      Comparator.comparingInt(
              (SimPod p) ->
                  switch (p.phase()) {
                    case PENDING -> 0;
                    case STARTING, WAKING, SLEEPING -> 1;
                    default -> 2;
                  })
          .thenComparing(Comparator.comparingDouble(SimPod::phaseSince).reversed());

  private final Scenario scenario;
  private final SimCluster cluster;
  private final VirtualClock clock;
  private final java.util.Map<String, Integer> serviceIndex = new java.util.HashMap<>();

  TwinActions(Scenario scenario, SimCluster cluster, VirtualClock clock) {
    this.scenario = scenario;
    this.cluster = cluster;
    this.clock = clock;
    List<ServiceSpec> services = scenario.services();
    for (int i = 0; i < services.size(); i++) {
      serviceIndex.put(services.get(i).id(), i);
    }
  }

  @Override
  public Outcome apply(Action action) {
    double now = clock.seconds();
    String refusal =
        switch (action) {
          case Action.ScaleReplicas a -> scale(a, now);
          case Action.RemoveReplica a -> {
            SimPod pod = cluster.pod(a.podId());
            if (pod == null) {
              yield "no pod " + a.podId();
            }
            cluster.terminate(pod, now);
            yield null;
          }
          case Action.SleepReplica a -> onPod(a.podId(), p -> cluster.sleep(p, now));
          case Action.WakeReplica a -> onPod(a.podId(), p -> cluster.wake(p, now));
          case Action.AddNodes a -> addNodes(a, now);
          case Action.RemoveNode a -> onNode(a.nodeId(), n -> cluster.removeNode(n, now));
          case Action.StopNode a -> onNode(a.nodeId(), n -> cluster.stopNode(n, now));
          case Action.StartNode a -> onNode(a.nodeId(), n -> cluster.startNode(n, now));
          case Action.SetStandby a ->
              onNode(a.nodeId(), n -> cluster.setStandby(n, a.standby(), a.prefetchModelId(), now, prefetchSeconds(a)));
        };
    return refusal == null ? Outcome.DONE : Outcome.refused(refusal);
  }

  private String scale(Action.ScaleReplicas a, double now) {
    Integer service = serviceIndex.get(a.serviceId());
    if (service == null) {
      return "unknown service " + a.serviceId();
    }
    List<SimPod> active = new ArrayList<>();
    for (SimPod p : cluster.livePods(service)) {
      if (p.phase() != PodPhase.TERMINATING) {
        active.add(p);
      }
    }
    int current = active.size();
    if (a.replicas() > current) {
      String gpu = a.gpuTypeId() == null ? scenario.deploymentGpuType().get(a.serviceId()) : a.gpuTypeId();
      var spec = scenario.services().get(service);
      if (!spec.allowsGpu(gpu) || scenario.catalog().model(spec.modelId()).profileOn(gpu).isEmpty()) {
        return "service " + a.serviceId() + " may not run on " + gpu + " (allowed: " + spec.allowedGpuTypes() + ")";
      }
      for (int i = current; i < a.replicas(); i++) {
        cluster.createPod(service, gpu, now);
      }
    } else if (a.replicas() < current) {
      active.sort(DELETION_ORDER);
      for (int i = 0; i < current - a.replicas(); i++) {
        cluster.terminate(active.get(i), now);
      }
    }
    return null;
  }

  private String addNodes(Action.AddNodes a, double now) {
    NodePool pool;
    try {
      pool = cluster.pool(a.poolId());
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
    long room = pool.maxNodes() - cluster.nodesInPool(pool.id());
    if (room <= 0) {
      return "node pool " + pool.id() + " is at its maximum of " + pool.maxNodes();
    }
    for (long i = 0; i < Math.min(room, a.count()); i++) {
      cluster.addNode(pool.id(), now, false, null);
    }
    return null;
  }

  private double prefetchSeconds(Action.SetStandby a) {
    if (a.prefetchModelId() == null) {
      return 0;
    }
    var model = scenario.catalog().model(a.prefetchModelId());
    var startup = scenario.catalog().replicaStartup();
    return model.imageBytes() / startup.imagePullBytesPerSecond() + model.weightsBytes() / startup.weightsFetchBytesPerSecond();
  }

  private String onPod(String id, java.util.function.Function<SimPod, String> op) {
    SimPod pod = cluster.pod(id);
    return pod == null ? "no live pod " + id : op.apply(pod);
  }

  private String onNode(String id, java.util.function.Function<SimNode, String> op) {
    SimNode node = cluster.node(id);
    return node == null ? "no live node " + id : op.apply(node);
  }
}
