package dev.ballast.sim.cluster;

import java.util.List;

/**
 * What each service's pods have cost: the GPUs each held while bound to a node, at that node's
 * price per GPU. The rest of the bill (nodes or GPUs that no pod holds) is no service's.
 */
final class ServiceGpuCost {
  private final double[] ofRemoved;

  ServiceGpuCost(int services) {
    this.ofRemoved = new double[services];
  }

  /** A pod leaves: what it held so far is its service's for good. */
  void removed(SimPod pod, double now) {
    if (pod.node != null) {
      ofRemoved[pod.service] += held(pod, now);
    }
  }

  /** Per service up to {@code now}: its removed pods' share and its live pods' so far. */
  double[] byService(List<List<SimPod>> livePodsByService, double now) {
    double[] usd = ofRemoved.clone();
    for (int s = 0; s < usd.length; s++) {
      for (SimPod pod : livePodsByService.get(s)) {
        if (pod.node != null) {
          usd[s] += held(pod, now);
        }
      }
    }
    return usd;
  }

  private static double held(SimPod pod, double now) {
    return pod.gpus * pod.node.type.usdPerGpuSecond() * (now - pod.boundAt);
  }
}
