package dev.ballast.core.placement;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.core.placement.scorer.BallastScorer;
import dev.ballast.core.placement.scorer.BestFitScorer;
import dev.ballast.core.placement.scorer.DotProductScorer;
import dev.ballast.core.placement.scorer.FgdScorer;
import dev.ballast.core.placement.scorer.GpuClusteringScorer;
import dev.ballast.core.placement.scorer.GpuPackingScorer;
import dev.ballast.core.placement.scorer.LeastAllocatedScorer;
import dev.ballast.core.placement.scorer.RandomScorer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Any policy, any pods, any cluster: nothing is over-committed and every placement fits. */
class PlacementProperties {
  @Provide
  Arbitrary<List<PodShape>> pods() {
    Arbitrary<PodShape> share = Combinators.combine(Arbitraries.integers().between(1, 999), Arbitraries.longs().between(0, 16_000))
        .as((m, cpu) -> new PodShape("s", cpu, 1024, 1, m, ""));
    Arbitrary<PodShape> whole = Combinators.combine(Arbitraries.of(1, 2, 4, 8), Arbitraries.longs().between(0, 32_000), Arbitraries.of("", "T4", "V100M32|T4"))
        .as((g, cpu, spec) -> new PodShape("w", cpu, 4096, g, 1000, spec));
    Arbitrary<PodShape> cpu = Arbitraries.longs().between(1, 32_000).map(c -> new PodShape("c", c, 2048, 0, 0, ""));
    return Arbitraries.oneOf(share, whole, cpu).list().ofMinSize(1).ofMaxSize(150);
  }

  @Provide
  Arbitrary<String> policies() {
    return Arbitraries.of("random", "leastallocated", "bestfit", "gpupacking", "dotprod", "gpuclustering", "fgd", "ballast");
  }

  @Property(tries = 80)
  void placementsNeverOvercommit(@ForAll("pods") List<PodShape> pods, @ForAll("policies") String policy, @ForAll long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Fragmentation f = new Fragmentation(TypicalPods.of(pods, 0.95));
    Scorer scorer = switch (policy) {
      case "random" -> new RandomScorer(random.split());
      case "leastallocated" -> new LeastAllocatedScorer();
      case "bestfit" -> new BestFitScorer();
      case "gpupacking" -> new GpuPackingScorer();
      case "dotprod" -> new DotProductScorer();
      case "gpuclustering" -> new GpuClusteringScorer();
      case "fgd" -> new FgdScorer(f);
      default -> new BallastScorer(f);
    };
    List<NodeResources> nodes = new ArrayList<>();
    String[] types = {"T4", "V100M32", "G2"};
    for (int i = 0; i < 12; i++) {
      nodes.add(new NodeResources("n" + i, types[i % 3], 32_000 + 16_000L * (i % 3), 64_000, new int[] {1, 2, 4, 8}[i % 4]));
    }
    Scheduler s = new Scheduler(scorer, Permit.ALLOW, random.nextBoolean() ? Scheduler.TieBreak.FIRST : Scheduler.TieBreak.RANDOM);
    for (PodShape p : pods) {
      Placement pl = s.place(p, nodes, random);
      if (pl.placed()) {
        NodeResources n = nodes.get(pl.node());
        assertThat(n.fits(p)).isTrue();
        assertThat(pl.gpus()).hasSize(p.gpuCount()).doesNotHaveDuplicates();
        n.bind(p, pl.gpus());
      } else {
        assertThat(nodes).noneMatch(n -> n.fits(p));
      }
      for (NodeResources n : nodes) {
        assertThat(n.cpuMilliLeft()).isNotNegative();
        assertThat(n.memoryMibLeft()).isNotNegative();
        for (int g : n.gpuMilliLeft()) {
          assertThat(g).isBetween(0, 1000); // compute on a GPU never exceeds 1000 milli
        }
      }
    }
  }
}
