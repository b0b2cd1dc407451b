package dev.ballast.sim.cluster;

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
}
