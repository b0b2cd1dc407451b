package dev.ballast.core.placement;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.core.placement.scorer.BallastScorer;
import dev.ballast.core.placement.scorer.BestFitScorer;
import dev.ballast.core.placement.scorer.FgdScorer;
import dev.ballast.core.placement.scorer.GpuClusteringScorer;
import dev.ballast.core.placement.scorer.GpuPackingScorer;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PlacementTest {
  static PodShape pod(String name, int gpus, int milli) {
    return new PodShape(name, 4000, 8192, gpus, milli, "");
  }

  static final List<PodShape> WORKLOAD =
      List.of(pod("a", 1, 500), pod("b", 1, 500), pod("c", 1, 1000), pod("d", 1, 250), pod("e", 2, 1000), new PodShape("f", 2000, 1024, 0, 0, ""));

  @Test
  void typicalPodsCoverTheWorkloadByFrequency() {
    TypicalPods t = TypicalPods.of(WORKLOAD, 0.3);
    assertThat(t.entries()).hasSize(1);
    assertThat(t.entries().get(0).shape().gpuMilli()).isEqualTo(500);
    assertThat(t.entries().get(0).share()).isEqualTo(1.0);
    assertThat(TypicalPods.of(WORKLOAD, 1.0).entries().stream().mapToDouble(TypicalPods.Entry::share).sum()).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-9));
  }

  @Test
  void fragmentationCountsWhatTypicalPodsCannotUse() {
    Fragmentation f = new Fragmentation(new TypicalPods(List.of(new TypicalPods.Entry(pod("half", 1, 500), 1.0))));
    assertThat(f.of("T4", 8000, new int[] {1000, 1000})).isZero();
    assertThat(f.of("T4", 8000, new int[] {400, 1000})).isEqualTo(400); // 400 left is too little for a half
    assertThat(f.of("T4", 1000, new int[] {1000, 1000})).isEqualTo(2000); // CPU too short: nothing usable
  }

  @Test
  void fgdFillsAPartlyUsedGpuRatherThanBreakingAFreshOne() {
    Fragmentation f = new Fragmentation(TypicalPods.of(WORKLOAD, 1.0));
    NodeResources used = new NodeResources("used", "T4", 64_000, 256_000, 2);
    used.bind(pod("x", 1, 500), new int[] {1});
    NodeResources fresh = new NodeResources("fresh", "T4", 64_000, 256_000, 2);
    Scheduler s = new Scheduler(new FgdScorer(f));
    Placement p = s.place(pod("half", 1, 500), List.of(fresh, used), new SplittableRandom(1));
    assertThat(p.node()).isEqualTo(1);
    assertThat(p.gpus()).containsExactly(1);
    assertThat(p.reason()).contains("fgd", "on used");
  }

  @Test
  void ballastLooksOnePodFurtherThanFgd() {
    // half-GPU and quarter-GPU pods, equally common; a quarter pod arrives
    Fragmentation f = new Fragmentation(new TypicalPods(List.of(new TypicalPods.Entry(pod("h", 1, 500), 0.5), new TypicalPods.Entry(pod("q", 1, 250), 0.5))));
    java.util.function.Supplier<List<NodeResources>> cluster = () -> {
      NodeResources halfUsed = new NodeResources("half-used", "T4", 64_000, 256_000, 1);
      halfUsed.bind(pod("x", 1, 500), new int[] {0});
      return List.of(new NodeResources("fresh", "T4", 64_000, 256_000, 1), new NodeResources("fresh-pair", "T4", 64_000, 256_000, 2), halfUsed);
    };
    // FGD: on the fresh GPU the fragmentation stays 0, while 250 left on the half-used one strands it for half pods
    Placement fgd = new Scheduler(new FgdScorer(f), Permit.ALLOW, Scheduler.TieBreak.FIRST).place(pod("quarter", 1, 250), cluster.get(), new SplittableRandom(1));
    // Ballast: that 250 is the exact home of the next quarter pod, and the whole GPUs stay whole for half pods
    Placement ballast = new Scheduler(new BallastScorer(f), Permit.ALLOW, Scheduler.TieBreak.FIRST).place(pod("quarter", 1, 250), cluster.get(), new SplittableRandom(1));
    assertThat(fgd.node()).isEqualTo(0);
    assertThat(ballast.node()).isEqualTo(2);
  }

  @Test
  void ballastKeepsAGpuOnTheTrackOfAnOptimalPacking() {
    // the trace's fraction mix; a 230 can join a 650 (120 left: nothing typical fits) or a 550 (220 left: a 220 fits)
    Fragmentation f = new Fragmentation(FractionPricesTest.TRACE_LIKE);
    java.util.function.Supplier<List<NodeResources>> cluster = () -> {
      NodeResources with650 = new NodeResources("with-650", "T4", 64_000, 256_000, 1);
      with650.bind(pod("x", 1, 650), new int[] {0});
      NodeResources with550 = new NodeResources("with-550", "T4", 64_000, 256_000, 1);
      with550.bind(pod("y", 1, 550), new int[] {0});
      return List.of(with650, with550);
    };
    Placement fgd = new Scheduler(new FgdScorer(f), Permit.ALLOW, Scheduler.TieBreak.FIRST).place(pod("q", 1, 230), cluster.get(), new SplittableRandom(1));
    Placement ballast = new Scheduler(new BallastScorer(f), Permit.ALLOW, Scheduler.TieBreak.FIRST).place(pod("q", 1, 230), cluster.get(), new SplittableRandom(1));
    assertThat(fgd.node()).isEqualTo(0); // FGD: 120 left strands less than 220 left would
    assertThat(ballast.node()).isEqualTo(1); // Ballast: 650 + 230 has lost a twelfth of a GPU for good, 550 + 230 + 220 is whole
  }

  @Test
  void nothingFitsSaysWhy() {
    NodeResources small = new NodeResources("n", "T4", 1000, 1000, 1);
    Placement p = new Scheduler(new BestFitScorer()).place(pod("big", 2, 1000), List.of(small), new SplittableRandom(1));
    assertThat(p.placed()).isFalse();
    assertThat(p.reason()).contains("no node of 1 fits big");
  }

  @Test
  void gpuTypeConstraintsAreHonoured() {
    NodeResources t4 = new NodeResources("t4", "T4", 64_000, 256_000, 2);
    NodeResources v100 = new NodeResources("v", "V100M32", 64_000, 256_000, 2);
    PodShape picky = new PodShape("p", 1000, 1000, 1, 1000, "V100M16|V100M32");
    assertThat(t4.fits(picky)).isFalse();
    assertThat(new Scheduler(new GpuPackingScorer()).place(picky, List.of(t4, v100), new SplittableRandom(1)).node()).isEqualTo(1);
  }

  @Test
  void tiesGoToTheFirstNodeOrAtRandom() {
    List<NodeResources> nodes = List.of(new NodeResources("a", "T4", 8000, 16000, 1), new NodeResources("b", "T4", 8000, 16000, 1));
    Scheduler first = new Scheduler(new GpuClusteringScorer(), Permit.ALLOW, Scheduler.TieBreak.FIRST);
    Scheduler random = new Scheduler(new GpuClusteringScorer(), Permit.ALLOW, Scheduler.TieBreak.RANDOM);
    SplittableRandom r = new SplittableRandom(3);
    int firstChoices = 0;
    int randomFirst = 0;
    for (int i = 0; i < 200; i++) {
      firstChoices += first.place(pod("p", 1, 1000), nodes, r).node() == 0 ? 1 : 0;
      randomFirst += random.place(pod("p", 1, 1000), nodes, r).node() == 0 ? 1 : 0;
    }
    assertThat(firstChoices).isEqualTo(200);
    assertThat(randomFirst).isBetween(70, 130);
  }

  @Test
  void aPermitCanHoldAPod() {
    NodeResources n = new NodeResources("n", "T4", 8000, 16000, 1);
    Placement p = new Scheduler(new BestFitScorer(), (pod, node) -> "gang of 4 incomplete", Scheduler.TieBreak.FIRST).place(pod("p", 1, 1000), List.of(n), new SplittableRandom(1));
    assertThat(p.placed()).isFalse();
    assertThat(p.reason()).contains("gang of 4 incomplete");
  }

  @Test
  void aStatedPreferenceRanksTypesInItsOrder() {
    GpuTypeFit fit = GpuTypeFit.preference(List.of("H100-80GB", "A100-80GB"));
    PodShape p = pod("p", 1, 1000);
    assertThat(fit.value(p, "H100-80GB")).isEqualTo(1.0);
    assertThat(fit.value(p, "A100-80GB")).isEqualTo(0.5);
    assertThat(fit.value(p, "L4")).isZero();
    assertThat(GpuTypeFit.preference(List.of()).value(p, "L4")).isZero();
  }

  @Test
  void ballastPrefersTheGpuTypeThatServesTheWorkBestPerDollar() {
    Fragmentation f = new Fragmentation(TypicalPods.of(WORKLOAD, 1.0));
    GpuTypeFit fit = GpuTypeFit.throughputPerCost(
        Map.of("resnet50", Map.of("T4", 1.0, "V100M32", 6.0)), Map.of("T4", 0.5, "V100M32", 2.5), p -> p.name().startsWith("train") ? "resnet50" : null);
    NodeResources t4 = new NodeResources("t4", "T4", 64_000, 256_000, 2);
    NodeResources v100 = new NodeResources("v", "V100M32", 64_000, 256_000, 2);
    Scheduler s = new Scheduler(new BallastScorer(f, fit), Permit.ALLOW, Scheduler.TieBreak.FIRST);
    // 6 / 2.5 = 2.4 per dollar on V100 against 2.0 on T4
    assertThat(s.place(pod("train-1", 1, 1000), List.of(t4, v100), new SplittableRandom(1)).node()).isEqualTo(1);
    // without a class, the type is neutral and the first of equal nodes wins
    assertThat(s.place(pod("infer-1", 1, 1000), List.of(t4, v100), new SplittableRandom(1)).node()).isZero();
  }
}
