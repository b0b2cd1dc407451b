package dev.ballast.core.placement.scorer;

import dev.ballast.core.placement.NodeResources;
import dev.ballast.core.placement.PodShape;
import dev.ballast.core.placement.Scorer;

/**
 * GpuPacking: prefer, in order, GPUs already shared (the fuller the better), then free GPUs on a
 * node already in use (the fewer the better), then an idle node (the fewer GPUs the better); the
 * FGD paper's packing baseline (hkust-adsl/kubernetes-scheduler-simulator, gpu_packing_score.go).
 * Pods without GPUs score alike everywhere.
 */
public final class GpuPackingScorer implements Scorer {
  @Override
  public String name() {
    return "gpupacking";
  }

  @Override
  public double score(PodShape pod, NodeResources node) {
    if (pod.gpuCount() == 0) {
      return 0;
    }
    int free = node.fullyFreeGpus();
    if (free == node.gpuCount()) {
      return Math.max(100 / 3 - free, free); // an idle node
    }
    int[] left = node.gpuMilliLeft();
    Integer[] order = new Integer[left.length];
    for (int i = 0; i < left.length; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, (a, b) -> Integer.compare(left[a], left[b])); // least left first, stable
    int need = pod.gpuCount();
    int freeUsed = 0;
    long ratioSum = 0;
    for (int idx : order) {
      if (need == 0) {
        break;
      }
      if (pod.gpuMilli() <= left[idx]) {
        need--;
        ratioSum += left[idx] * 100L / PodShape.MILLI;
        if (left[idx] == PodShape.MILLI) {
          freeUsed++;
        }
      }
    }
    if (need != 0) {
      return 0;
    }
    if (freeUsed > 0) {
      return Math.max(100 / 2 - freeUsed, 100 / 3);
    }
    return Math.max(100 - ratioSum / 10, 100 / 2);
  }
}
