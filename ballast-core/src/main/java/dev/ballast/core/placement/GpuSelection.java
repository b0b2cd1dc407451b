package dev.ballast.core.placement;

/** Which GPUs of a node a pod takes. */
public final class GpuSelection {
  private GpuSelection() {}

  /**
   * A fraction goes to the GPU with the least left that still fits it (the first such on ties);
   * whole GPUs are the lowest-numbered fully free ones (open-gpu-share's allocation).
   */
  public static int[] bestFit(PodShape pod, NodeResources node) {
    if (pod.gpuCount() == 0) {
      return new int[0];
    }
    if (pod.sharesGpu()) {
      int best = -1;
      for (int g = 0; g < node.gpuCount(); g++) {
        int left = node.gpuMilliLeft(g);
        if (left >= pod.gpuMilli() && (best < 0 || left < node.gpuMilliLeft(best))) {
          best = g;
        }
      }
      return best < 0 ? new int[0] : new int[] {best};
    }
    return wholeGpus(pod, node);
  }

  /** The lowest-numbered fully free GPUs, as many as the pod asks. */
  public static int[] wholeGpus(PodShape pod, NodeResources node) {
    int[] out = new int[pod.gpuCount()];
    int n = 0;
    for (int g = 0; g < node.gpuCount() && n < out.length; g++) {
      if (node.gpuMilliLeft(g) == PodShape.MILLI) {
        out[n++] = g;
      }
    }
    return n == out.length ? out : new int[0];
  }
}
