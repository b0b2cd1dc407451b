package dev.ballast.core.placement;

/**
 * The Score stage: how good a feasible node is for a pod (higher is better), and which of its
 * GPUs the pod gets. Each implementation follows a published definition, cited where it is written.
 */
public interface Scorer {
  String name();

  /**
   * Called once per pod before its nodes are scored, with every node (the feasible ones among
   * them), for scorers that keep per-pod state or weigh the whole cluster.
   */
  default void beginPod(PodShape pod, java.util.List<NodeResources> nodes) {}

  double score(PodShape pod, NodeResources node);

  /** Rescales the scores of all feasible nodes of one pod, in place (kube-scheduler's NormalizeScore). */
  default void normalize(double[] scores) {}

  /** The GPUs the pod gets on the chosen node; by default the best-fitting ones. */
  default int[] selectGpus(PodShape pod, NodeResources node) {
    return GpuSelection.bestFit(pod, node);
  }
}
