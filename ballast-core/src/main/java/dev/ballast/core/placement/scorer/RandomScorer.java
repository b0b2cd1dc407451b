package dev.ballast.core.placement.scorer;

import dev.ballast.core.placement.NodeResources;
import dev.ballast.core.placement.PodShape;
import dev.ballast.core.placement.Scorer;
import java.util.random.RandomGenerator;

/**
 * Random: a uniformly random feasible node, whatever the scheduler's tie-break (the FGD paper's
 * Random baseline draws one node per pod before scoring; each node here draws a random score).
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
}
