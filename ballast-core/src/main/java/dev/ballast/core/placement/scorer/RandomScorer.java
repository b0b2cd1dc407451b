package dev.ballast.core.placement.scorer;

import dev.ballast.core.placement.NodeResources;
import dev.ballast.core.placement.PodShape;
import dev.ballast.core.placement.Scorer;
import java.util.random.RandomGenerator;

/**
 * Random: a uniformly random feasible node, whatever the scheduler's tie-break, and for a GPU
 * fraction a uniformly random GPU that fits (the FGD paper's Random baseline draws one node per
 * pod before scoring and selects GPUs with its "random" method; each node here draws a random score).
 */
public final class RandomScorer implements Scorer {
  private final RandomGenerator random;

  public RandomScorer(RandomGenerator random) {
    this.random = random;
  }

  @Override
  public String name() {
    return "random";
  }

  @Override
  public double score(PodShape pod, NodeResources node) {
    return random.nextDouble();
  }

  @Override
  public int[] selectGpus(PodShape pod, NodeResources node) {
    if (!pod.sharesGpu()) {
      return dev.ballast.core.placement.GpuSelection.wholeGpus(pod, node);
    }
    int chosen = -1;
    int fitting = 0;
    for (int g = 0; g < node.gpuCount(); g++) {
      if (node.gpuMilliLeft(g) >= pod.gpuMilli() && random.nextInt(++fitting) == 0) {
        chosen = g;
      }
    }
    return chosen < 0 ? new int[0] : new int[] {chosen};
  }
}
