package dev.ballast.core.placement;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * LP duality, which {@link FractionPrices#loss} rests on: whatever the workload, no set of fractions
 * that fits on one GPU is worth more than one GPU, so no GPU's loss is ever negative; and a bigger
 * fraction is never worth less than a smaller one.
 */
class FractionPricesProperties {
  @Provide
  Arbitrary<TypicalPods> workloads() {
    Arbitrary<TypicalPods.Entry> entry = Combinators.combine(Arbitraries.integers().between(1, 999), Arbitraries.doubles().between(0.01, 1))
        .as((m, share) -> new TypicalPods.Entry(new PodShape("p", 1000, 1024, 1, m, ""), share));
    return entry.list().ofMinSize(1).ofMaxSize(12).map(TypicalPods::new);
  }

  @Provide
  Arbitrary<List<Integer>> gpuContents() {
    return Arbitraries.integers().between(1, 999).list().ofMaxSize(20);
  }

  @Property(tries = 150)
  void nothingThatFitsOnAGpuIsWorthMoreThanTheGpu(@ForAll("workloads") TypicalPods workload, @ForAll("gpuContents") List<Integer> drawn) {
    FractionPrices prices = FractionPrices.of(workload);
    List<Integer> fitting = new ArrayList<>();
    int used = 0;
    double worth = 0;
    for (int m : drawn) {
      if (used + m <= PodShape.MILLI) {
        fitting.add(m);
        used += m;
        worth += prices.price(m);
      }
    }
    // what the GPU holds, with the most it could still take: at most one GPU
    assertThat(worth + prices.bestFill(PodShape.MILLI - used)).as("%s on %s", fitting, prices.describe()).isLessThanOrEqualTo(1 + 1e-6);
    assertThat(prices.bestFill(PodShape.MILLI)).isLessThanOrEqualTo(1 + 1e-6);
    for (int m = 1; m < PodShape.MILLI - 1; m++) { // fractions only: a whole GPU (1000) is not priced
      assertThat(prices.price(m)).isLessThanOrEqualTo(prices.price(m + 1) + 1e-12).isGreaterThanOrEqualTo(0);
    }
  }

  @Property(tries = 60)
  void thePricesAreWorthAtLeastAnyOtherFeasiblePricing(@ForAll("workloads") TypicalPods workload) {
    // the LP maximizes the demand-weighted worth over all feasible prices: it beats pricing by size
    // (s / 1000) and pricing one size alone at 1 / (how many fit on a GPU), both always feasible
    FractionPrices prices = FractionPrices.of(workload);
    double worth = 0;
    double bySize = 0;
    double bestAlone = 0;
    for (TypicalPods.Entry e : workload.entries()) {
      int m = e.shape().gpuMilli();
      worth += e.share() * prices.price(m);
      bySize += e.share() * m / PodShape.MILLI;
      double alone = 0;
      for (TypicalPods.Entry o : workload.entries()) {
        alone += o.shape().gpuMilli() >= m ? o.share() / (PodShape.MILLI / m) : 0; // larger sizes may take the same price
      }
      bestAlone = Math.max(bestAlone, alone);
    }
    assertThat(worth).as(prices.describe()).isGreaterThanOrEqualTo(Math.max(bySize, bestAlone) - 1e-6);
    assertThat(prices.bestFill(PodShape.MILLI)).as("some pattern is tight").isGreaterThan(1 - 1e-6);
  }
}
