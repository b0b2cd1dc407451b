package dev.ballast.sim.cluster;

import java.util.ArrayList;
import java.util.List;

/** Chooses a node for a pending pod among the nodes it fits on. */
public interface PodPlacement {

  SimNode choose(SimPod pod, String modelId, List<SimNode> feasible);

  /**
   * kube-scheduler's defaults as they act on GPU pods: NodeResourcesFit with LeastAllocated
   * (kubernetes.io "Resource Bin Packing": the node with the largest free share wins), then
   * ImageLocality (a node that already has the image wins a tie), then the oldest node.
   */
  PodPlacement KUBE_DEFAULT =
      (pod, modelId, feasible) -> {
        SimNode best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (SimNode n : feasible) {
          double freeGpu = (double) (n.gpusFree() - pod.gpus) / n.type.gpuCount();
          double freeCpu = (double) (n.type.cpuMilli() - n.cpuAllocated - pod.resources.requests().cpuMilli()) / n.type.cpuMilli();
          double freeMem =
              (double) (n.type.memoryMiB() - n.memoryAllocated - pod.resources.requests().memoryMiB()) / n.type.memoryMiB();
          double score = (freeGpu + freeCpu + freeMem) / 3 + (n.cachedImages.contains(modelId) ? 1e-3 : 0);
          if (score > bestScore) {
            best = n;
            bestScore = score;
          }
        }
        return best;
      };

  /**
   * Ballast's scheduler extender on whole-GPU replicas: kube-scheduler weighs its priority above
   * the default plugins (weight 10, docs/operator.md), and where Ballast's fragmentation scores tie,
   * as they do for one-GPU replicas of one shape, it ranks the nodes by the share of their GPUs in
   * use once the pod is on them, the fullest first, so that capacity a service gives back empties
   * whole nodes. Among the fullest, kube-scheduler's own defaults decide. The twin models only that
   * tie-break: its replicas are whole GPUs, of one shape per service.
   */
  PodPlacement BALLAST =
      (pod, modelId, feasible) -> {
        double fullest = Double.NEGATIVE_INFINITY;
        for (SimNode n : feasible) {
          fullest = Math.max(fullest, usedShareWith(n, pod));
        }
        List<SimNode> packed = new ArrayList<>();
        for (SimNode n : feasible) {
          if (usedShareWith(n, pod) >= fullest - 1e-9) {
            packed.add(n);
          }
        }
        return KUBE_DEFAULT.choose(pod, modelId, packed);
      };

  /** How full a node's GPUs are with a pod on them. */
  private static double usedShareWith(SimNode n, SimPod pod) {
    int gpus = n.type.gpuCount();
    return gpus == 0 ? 0 : (double) (gpus - n.gpusFree() + pod.gpus) / gpus;
  }
}
