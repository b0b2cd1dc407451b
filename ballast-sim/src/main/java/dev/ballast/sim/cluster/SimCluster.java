package dev.ballast.sim.cluster;

import dev.ballast.core.catalog.Catalog;
import dev.ballast.core.catalog.ReplicaStartup;
import dev.ballast.core.catalog.ServingProfile;
import dev.ballast.core.resources.GpuRequest;
import dev.ballast.core.resources.ResourceRequirements;
import dev.ballast.core.resources.Resources;
import dev.ballast.core.service.ServiceSpec;
import dev.ballast.core.spi.NodePool;
import dev.ballast.core.spi.NodeState;
import dev.ballast.core.spi.PodPhase;
import dev.ballast.sim.engine.EventKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The simulated cluster: pods' lifecycle (start-up, sleep and wake, drain) on nodes whose own
 * lifecycle and billing are {@link SimNodes}'s; binding is {@link PodBinder}'s (see
 * docs/concepts.md for the state machines).
 */
public final class SimCluster {
  /** Per GPU of a replica: CPU and memory its pod requests beside the GPUs. */
  static final long CPU_MILLI_PER_GPU = 2_000;

  static final long MEMORY_MIB_PER_GPU = 12 * 1024;

  private final Catalog catalog;
  private final List<ServiceSpec> services;
  private final SimNodes nodes;
  private final ClusterHost host;
  private final PodBinder binder;
  private final double graceSeconds;
  private final List<SimPod> pods = new ArrayList<>();
  private final List<SimPod> livePods = new ArrayList<>();
  private final List<List<SimPod>> podsByService = new ArrayList<>();
  private final Map<String, Integer> nameCounters = new HashMap<>();
  private final ServiceGpuCost serviceCost;
  private long wakes;

  public SimCluster(
      Catalog catalog, List<ServiceSpec> services, List<NodePool> pools, ClusterHost host, PodPlacement placement, double graceSeconds) {
    this.catalog = catalog;
    this.services = services;
    this.nodes = new SimNodes(catalog, pools, host, this::name, this::schedulePending);
    this.host = host;
    this.binder = new PodBinder(catalog, services, host, placement);
    this.graceSeconds = graceSeconds;
    this.serviceCost = new ServiceGpuCost(services.size());
    for (int i = 0; i < services.size(); i++) {
      podsByService.add(new ArrayList<>());
    }
  }

  // ---- nodes ----

  /** Adds a node to a pool: provisioning, or already ready (a warm start), optionally caching a model. */
  public SimNode addNode(String poolId, double now, boolean ready, String cachedModel) {
    return nodes.add(poolId, now, ready, cachedModel);
  }

  public long nodesInPool(String poolId) {
    return nodes.inPool(poolId);
  }

  /** A node finished provisioning or resuming. */
  public void nodeReady(int index, long seq, double now) {
    nodes.ready(index, seq, now);
  }

  /** A standby node finished prefetching. */
  public void nodePrefetched(int index, long seq, double now) {
    nodes.prefetched(index, seq);
  }

  public String removeNode(SimNode node, double now) {
    switch (node.state) {
      case GONE, DRAINING -> {
        return "node " + node.id + " is already " + node.state.name().toLowerCase();
      }
      case PROVISIONING, STARTING, STOPPED -> nodes.gone(node, now);
      case READY -> {
        node.moveTo(NodeState.DRAINING, now);
        for (SimPod pod : List.copyOf(node.pods)) {
          terminate(pod, now);
          createPod(pod.service, pod.gpuTypeId, now); // the ReplicaSet replaces an evicted pod
        }
        if (node.pods.isEmpty()) {
          nodes.gone(node, now);
        }
      }
    }
    return null;
  }

  public String stopNode(SimNode node, double now) {
    return nodes.stop(node, now);
  }

  public String startNode(SimNode node, double now) {
    return nodes.start(node, now);
  }

  /** Holds a node in standby with a model prefetched, or releases it; returns a refusal or null. */
  public String setStandby(SimNode node, boolean standby, String modelId, double now, double prefetchSeconds) {
    return nodes.setStandby(node, standby, modelId, now, prefetchSeconds);
  }

  // ---- pods ----

  /** Creates a replica pod for a service on a GPU type; it binds now if a node fits. */
  public SimPod createPod(int service, String gpuTypeId, double now) {
    return createPod(service, gpuTypeId, now, false);
  }

  /**
   * Creates a replica pod; with {@code alreadyServing} it binds at once to a node that caches the
   * model and serves immediately (the initial state of a run), else it starts normally.
   */
  public SimPod createPod(int service, String gpuTypeId, double now, boolean alreadyServing) {
    ServiceSpec spec = services.get(service);
    ServingProfile profile = catalog.model(spec.modelId()).profileOn(gpuTypeId).orElseThrow();
    int gpus = profile.gpusPerReplica();
    Resources req = Resources.of(CPU_MILLI_PER_GPU * gpus, MEMORY_MIB_PER_GPU * gpus, GpuRequest.whole(gpus));
    SimPod pod = new SimPod(pods.size(), name(spec.id()), service, gpuTypeId, ResourceRequirements.guaranteed(req), gpus, now);
    pods.add(pod);
    livePods.add(pod);
    podsByService.get(service).add(pod);
    binder.enqueue(pod);
    schedulePending(now);
    if (alreadyServing && pod.phase == PodPhase.STARTING) {
      binder.uncountStart();
      pod.startup = new ReplicaStartup.Phases(0, 0, 0, 0, 0);
      pod.pendingEventSeq = -1;
      pod.phase = PodPhase.READY;
      host.podReady(pod, now);
    }
    return pod;
  }

  /** Binds pending pods, oldest first, wherever they fit (kube-scheduler retries on every change). */
  public void schedulePending(double now) {
    binder.bindPending(nodes.live(), now);
  }

  /** Puts a serving replica to sleep; returns a refusal or null. */
  public String sleep(SimPod pod, double now) {
    if (pod.phase != PodPhase.READY) {
      return "only a ready replica can sleep; " + pod.id + " is " + pod.phase;
    }
    pod.phase = PodPhase.SLEEPING;
    pod.phaseSince = now;
    host.podSleeping(pod, now);
    return null;
  }

  /** Wakes a sleeping replica; it serves again after the wake delay. Returns a refusal or null. */
  public String wake(SimPod pod, double now) {
    if (pod.phase != PodPhase.SLEEPING) {
      return "only a sleeping replica can wake; " + pod.id + " is " + pod.phase;
    }
    pod.phase = PodPhase.WAKING;
    pod.phaseSince = now;
    wakes++;
    double delay = catalog.replicaStartup().wakeFromSleep().sampleSeconds(host.random());
    pod.pendingEventSeq = host.schedule(now + delay, EventKind.POD_READY.with(pod.index));
    return null;
  }

  /** A pod's start-up (or wake-up) finished. */
  public void podReady(int index, long seq, double now) {
    SimPod pod = pods.get(index);
    if (seq != pod.pendingEventSeq || (pod.phase != PodPhase.STARTING && pod.phase != PodPhase.WAKING)) {
      return;
    }
    pod.pendingEventSeq = -1;
    pod.phase = PodPhase.READY;
    pod.phaseSince = now;
    String model = modelOf(pod);
    pod.node.cachedImages.add(model);
    pod.node.cachedWeights.add(model);
    host.podReady(pod, now);
  }

  /** Removes a pod: pending and starting pods go at once, serving ones drain first. */
  public void terminate(SimPod pod, double now) {
    switch (pod.phase) {
      case PENDING -> {
        binder.forget(pod);
        removePod(pod, now);
      }
      case STARTING, WAKING -> removePod(pod, now);
      case SLEEPING -> {
        if (pod.replica == null || pod.replica.gone()) {
          removePod(pod, now);
        } else {
          pod.phase = PodPhase.TERMINATING; // its replica is still finishing requests from before it slept
          pod.phaseSince = now;
          pod.pendingEventSeq = host.schedule(now + graceSeconds, EventKind.POD_GRACE_END.with(pod.index));
        }
      }
      case READY -> {
        pod.phase = PodPhase.TERMINATING;
        pod.phaseSince = now;
        pod.pendingEventSeq = host.schedule(now + graceSeconds, EventKind.POD_GRACE_END.with(pod.index));
        host.podTerminating(pod, now);
      }
      case TERMINATING -> {}
    }
  }

  /** A draining pod ran out of grace. */
  public void podGraceEnd(int index, long seq, double now) {
    SimPod pod = pods.get(index);
    if (seq != pod.pendingEventSeq || pod.phase != PodPhase.TERMINATING || pod.removed) {
      return;
    }
    host.podGraceOver(pod, now);
    removePod(pod, now);
  }

  /** A draining pod's replica emptied before its grace ran out. */
  public void podDrained(SimPod pod, double now) {
    if (!pod.removed) {
      removePod(pod, now);
    }
  }

  private void removePod(SimPod pod, double now) {
    pod.removed = true;
    pod.pendingEventSeq = -1;
    livePods.remove(pod);
    podsByService.get(pod.service).remove(pod);
    serviceCost.removed(pod, now);
    SimNode node = pod.node;
    if (node != null) {
      node.pods.remove(pod);
      node.gpusAllocated -= pod.gpus;
      node.cpuAllocated -= pod.resources.requests().cpuMilli();
      node.memoryAllocated -= pod.resources.requests().memoryMiB();
      if (node.state == NodeState.DRAINING && node.pods.isEmpty()) {
        nodes.gone(node, now);
      }
    }
    schedulePending(now);
  }

  // ---- lookups and accounting ----

  public String modelOf(SimPod pod) {
    return binder.modelOf(pod);
  }

  public NodePool pool(String id) {
    return nodes.pool(id);
  }

  public SimNode node(String id) {
    return nodes.live(id);
  }

  public SimPod pod(String id) {
    for (SimPod p : livePods) {
      if (p.id.equals(id)) {
        return p;
      }
    }
    return null;
  }

  public List<SimNode> liveNodes() {
    return nodes.live();
  }

  public List<SimPod> livePods() {
    return livePods;
  }

  /** Live pods of one service, in creation order. */
  public List<SimPod> livePods(int service) {
    return podsByService.get(service);
  }

  public List<SimNode> allNodes() {
    return nodes.all();
  }

  public long podStarts() {
    return binder.starts();
  }

  public long wakes() {
    return wakes;
  }

  public double costUsd(double now) {
    return nodes.costUsd(now);
  }

  /** Per service, what its pods have cost up to {@code now} ({@link ServiceGpuCost}). */
  public double[] heldUsdByService(double now) {
    return serviceCost.byService(podsByService, now);
  }

  public double gpuSecondsPaid(double now) {
    return nodes.gpuSecondsPaid(now);
  }

  public Catalog catalog() {
    return catalog;
  }

  public List<ServiceSpec> services() {
    return services;
  }

  public List<NodePool> pools() {
    return nodes.pools();
  }

  private String name(String prefix) {
    int n = nameCounters.merge(prefix, 1, Integer::sum);
    return prefix + "-" + n;
  }
}
