package dev.ballast.core.placement;

/**
 * Where a pod goes: the node (an index into the candidate list), its GPUs, the winning score, and
 * why; or, when {@code node < 0}, why it could not be placed.
 */
public record Placement(int node, int[] gpus, double score, int feasibleNodes, String reason) {
  public static Placement unschedulable(String reason) {
    return new Placement(-1, new int[0], Double.NaN, 0, reason);
  }

  public boolean placed() {
    return node >= 0;
  }
}
