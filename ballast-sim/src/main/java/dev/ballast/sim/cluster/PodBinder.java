package dev.ballast.sim.cluster;

import dev.ballast.core.catalog.Catalog;
import dev.ballast.core.catalog.Model;
import dev.ballast.core.catalog.ReplicaStartup;
import dev.ballast.core.service.ServiceSpec;
import dev.ballast.core.spi.PodPhase;
import dev.ballast.sim.engine.EventKind;
import java.util.ArrayList;
import java.util.List;

/**
 * The twin's kube-scheduler: pending pods, oldest first, bind wherever the placement chooses among
 * the nodes that fit them, and start with the phases their node's image and weight caches allow.
 */
final class PodBinder {
  private final Catalog catalog;
  private final List<ServiceSpec> services;
  private final ClusterHost host;
  private final PodPlacement placement;
  private final List<SimPod> pending = new ArrayList<>();
  private long podStarts;

  PodBinder(Catalog catalog, List<ServiceSpec> services, ClusterHost host, PodPlacement placement) {
    this.catalog = catalog;
    this.services = services;
    this.host = host;
    this.placement = placement;
  }

  void enqueue(SimPod pod) {
    pending.add(pod);
  }

  void forget(SimPod pod) {
    pending.remove(pod);
  }

  String modelOf(SimPod pod) {
    return services.get(pod.service).modelId();
  }

  /** Replica starts so far. */
  long starts() {
    return podStarts;
  }

  /** A pod that began the run already serving did not start. */
  void uncountStart() {
    podStarts--;
  }

  /** Binds pending pods, oldest first, wherever they fit (kube-scheduler retries on every change). */
  void bindPending(List<SimNode> liveNodes, double now) {
    if (pending.isEmpty()) {
      return;
    }
    List<SimNode> feasible = new ArrayList<>();
    for (int i = 0; i < pending.size(); ) {
      SimPod pod = pending.get(i);
      feasible.clear();
      long cpu = pod.resources.requests().cpuMilli();
      long mem = pod.resources.requests().memoryMiB();
      for (SimNode n : liveNodes) {
        if (n.schedulable()
            && n.type.gpu() != null
            && n.type.gpu().id().equals(pod.gpuTypeId)
            && n.gpusFree() >= pod.gpus
            && n.type.cpuMilli() - n.cpuAllocated >= cpu
            && n.type.memoryMiB() - n.memoryAllocated >= mem) {
          feasible.add(n);
        }
      }
      SimNode chosen = feasible.isEmpty() ? null : placement.choose(pod, modelOf(pod), feasible);
      if (chosen == null) {
        i++;
        continue;
      }
      pending.remove(i);
      bind(pod, chosen, now);
    }
  }

  private void bind(SimPod pod, SimNode node, double now) {
    pod.node = node;
    pod.boundAt = now;
    node.pods.add(pod);
    node.gpusAllocated += pod.gpus;
    node.cpuAllocated += pod.resources.requests().cpuMilli();
    node.memoryAllocated += pod.resources.requests().memoryMiB();
    Model model = catalog.model(modelOf(pod));
    ReplicaStartup startup = catalog.replicaStartup();
    pod.startup =
        sharedFetches(
            pod,
            node,
            startup.phases(
                model,
                node.cachedImages.contains(model.id()),
                node.cachedWeights.contains(model.id()),
                startup.engineInit().sampleSeconds(host.random())),
            now);
    pod.phase = PodPhase.STARTING;
    pod.phaseSince = now;
    podStarts++;
    pod.pendingEventSeq = host.schedule(now + pod.startup.total(), EventKind.POD_READY.with(pod.index));
  }

  /**
   * A kubelet pulls an image once for all the pods that need it, and a node's weight cache fills
   * once: a pod bound while another pod of its model is still fetching on the node waits for that
   * fetch instead of starting its own, whichever ends first.
   */
  private ReplicaStartup.Phases sharedFetches(SimPod pod, SimNode node, ReplicaStartup.Phases own, double now) {
    double start = now + own.scheduling();
    String model = modelOf(pod);
    List<SimPod> fetching = new ArrayList<>();
    for (SimPod other : node.pods) {
      if (other != pod && other.phase == PodPhase.STARTING && other.startup != null && modelOf(other).equals(model)) {
        fetching.add(other);
      }
    }
    double imageReady = start + own.imagePull();
    for (SimPod other : fetching) {
      imageReady = Math.min(imageReady, Math.max(start, imageDone(other)));
    }
    double weightsReady = imageReady + own.weightsFetch();
    for (SimPod other : fetching) {
      weightsReady = Math.min(weightsReady, Math.max(imageReady, imageDone(other) + other.startup.weightsFetch()));
    }
    return new ReplicaStartup.Phases(own.scheduling(), imageReady - start, weightsReady - imageReady, own.loadToGpu(), own.engineInit());
  }

  private static double imageDone(SimPod pod) {
    return pod.boundAt + pod.startup.scheduling() + pod.startup.imagePull();
  }
}
