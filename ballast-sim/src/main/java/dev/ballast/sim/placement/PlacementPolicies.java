package dev.ballast.sim.placement;

import dev.ballast.core.placement.Fragmentation;
import dev.ballast.core.placement.Scorer;
import dev.ballast.core.placement.scorer.BallastScorer;
import dev.ballast.core.placement.scorer.BestFitScorer;
import dev.ballast.core.placement.scorer.DotProductScorer;
import dev.ballast.core.placement.scorer.FgdScorer;
import dev.ballast.core.placement.scorer.GpuClusteringScorer;
import dev.ballast.core.placement.scorer.GpuPackingScorer;
import dev.ballast.core.placement.scorer.LeastAllocatedScorer;
import dev.ballast.core.placement.scorer.RandomScorer;
import java.util.List;

/** The placement policies by their command-line names. */
public final class PlacementPolicies {
  /** The FGD paper's five baselines and FGD, then Ballast's own. */
  public static final List<String> DEFAULT = List.of("random", "dotprod", "gpuclustering", "gpupacking", "bestfit", "fgd", "ballast");

  public static final List<String> ALL =
      List.of("random", "dotprod", "gpuclustering", "gpupacking", "bestfit", "fgd", "ballast", "leastallocated");

  private PlacementPolicies() {}

  /** A fresh scorer (scorers with memory are per experiment). */
  public static Scorer create(String name, Fragmentation fragmentation, java.util.random.RandomGenerator random) {
    return switch (name) {
      case "random" -> new RandomScorer(random);
      case "dotprod" -> new DotProductScorer();
      case "gpuclustering" -> new GpuClusteringScorer();
      case "gpupacking" -> new GpuPackingScorer();
      case "bestfit" -> new BestFitScorer();
      case "fgd" -> new FgdScorer(fragmentation);
      case "ballast" -> new BallastScorer(fragmentation);
      case "leastallocated" -> new LeastAllocatedScorer();
      default -> throw new IllegalArgumentException("unknown placement policy '" + name + "'; use " + String.join(", ", ALL));
    };
  }
}
