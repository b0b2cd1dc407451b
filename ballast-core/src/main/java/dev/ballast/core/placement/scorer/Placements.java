package dev.ballast.core.placement.scorer;

import dev.ballast.core.placement.PodShape;

/** The GPUs a node would have left after a pod, for scorers that look one placement ahead. */
final class Placements {
  private Placements() {}

  /**
   * Whole GPUs come from fully free ones; a fraction from the GPU with the least left that fits
   * (FGD's look-ahead for pods it does not place GPU by GPU: the simulator's NodeResource.Sub).
   */
  static int[] afterPacking(PodShape pod, int[] left) {
    int[] out = left.clone();
    int need = pod.gpuCount();
    if (need == 0) {
      return out;
    }
    Integer[] order = new Integer[out.length];
    for (int i = 0; i < out.length; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, (a, b) -> Integer.compare(left[a], left[b]));
    for (int idx : order) {
      if (need == 0) {
        break;
      }
      if (pod.gpuMilli() <= out[idx]) {
        out[idx] -= pod.gpuMilli();
        need--;
      }
    }
    return out;
  }
}
