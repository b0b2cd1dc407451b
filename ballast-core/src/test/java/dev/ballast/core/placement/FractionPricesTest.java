package dev.ballast.core.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FractionPricesTest {
  static TypicalPods mix(int[][] milliAndCount) {
    double total = 0;
    for (int[] m : milliAndCount) {
      total += m[1];
    }
    List<TypicalPods.Entry> entries = new ArrayList<>();
    for (int[] m : milliAndCount) {
      entries.add(new TypicalPods.Entry(new PodShape("p" + m[0], 4000, 8192, m[0] == 0 ? 0 : 1, m[0], ""), m[1] / total));
    }
    return new TypicalPods(entries);
  }

  /** The fraction mix of the Alibaba trace's default pod list, as its typical pods hold it, and its whole-GPU pods. */
  static final TypicalPods TRACE_LIKE =
      mix(new int[][] {{810, 1078}, {650, 237}, {590, 75}, {550, 72}, {470, 748}, {460, 120}, {370, 45}, {320, 304}, {230, 122}, {220, 43}, {160, 54}, {1000, 3900}});

  @Test
  void aSizeThatPacksAloneIsWorthItsShareOfAGpu() {
    FractionPrices halves = FractionPrices.of(mix(new int[][] {{500, 10}}));
    assertThat(halves.price(500)).isCloseTo(0.5, within(1e-9));
    assertThat(halves.loss(0.5, 500)).isCloseTo(0, within(1e-9)); // one half on a GPU: the other still fits
    assertThat(halves.loss(0.5, 400)).isCloseTo(0.5, within(1e-9)); // a GPU that can no longer take the second half
  }

  @Test
  void smallFractionsAreFreeWhereBigOnesNeedTheirOwnGpus() {
    // many 810s, few 160s: each 810 needs a GPU of its own and a 160 fits beside it, so 160s cost nothing
    FractionPrices bigHeavy = FractionPrices.of(mix(new int[][] {{810, 9}, {160, 1}}));
    assertThat(bigHeavy.price(810)).isCloseTo(1, within(1e-9));
    assertThat(bigHeavy.price(160)).isCloseTo(0, within(1e-9));
    // few 810s, many 160s: 160s fill GPUs six at a time, and an 810 spends what one 160 would not
    FractionPrices smallHeavy = FractionPrices.of(mix(new int[][] {{810, 1}, {160, 9}}));
    assertThat(smallHeavy.price(160)).isCloseTo(1.0 / 6, within(1e-9));
    assertThat(smallHeavy.price(810)).isCloseTo(5.0 / 6, within(1e-9));
  }

  @Test
  void theTraceMixPricesPairingsByTheirPlaceInAnOptimalPacking() {
    FractionPrices p = FractionPrices.of(TRACE_LIKE);
    double p650 = p.price(650);
    // 650 + 320 is on an optimal pattern's track, 650 + 230 is not (its 120 left takes nothing worth a price)
    assertThat(p.loss(p650 + p.price(320), 1000 - 650 - 320)).isCloseTo(0, within(1e-9));
    assertThat(p.loss(p650 + p.price(230), 1000 - 650 - 230)).isGreaterThan(0.05);
    // 550 + 230 still takes a 220 and is whole again
    assertThat(p.loss(p.price(550) + p.price(230), 1000 - 550 - 230)).isCloseTo(0, within(1e-9));
    // whole GPUs are not priced: a free GPU has lost nothing
    assertThat(p.price(1000)).isZero();
    assertThat(p.loss(0, 1000)).isCloseTo(0, within(1e-9));
  }

  @Test
  void aSizeTheWorkloadLacksTakesThePriceOfTheLargestPricedSizeBelowIt() {
    FractionPrices p = FractionPrices.of(mix(new int[][] {{500, 10}}));
    assertThat(p.price(700)).isEqualTo(p.price(500));
    assertThat(p.price(400)).isZero();
  }

  @Test
  void aMixOfManySizesPricesItsCommonestAndStaysFeasible() {
    int[][] many = new int[100][];
    for (int i = 0; i < many.length; i++) {
      many[i] = new int[] {101 + 8 * i, i < 50 ? 1 : 3}; // the upper half of the sizes is three times as common
    }
    FractionPrices p = FractionPrices.of(mix(many));
    assertThat(p.describe().split(", ")).hasSize(FractionPrices.MAX_SIZES);
    // all 50 common sizes, and of the rare ones the 14 smallest: a rare size left out takes a smaller one's price
    assertThat(p.describe()).startsWith("101m").contains("205m ", "501m ", "893m ").doesNotContain("213m ");
    assertThat(p.price(213)).isEqualTo(p.price(205));
    assertThat(p.bestFill(1000)).isLessThanOrEqualTo(1 + 1e-6);
  }

  @Test
  void aWorkloadWithoutFractionsLosesNothing() {
    FractionPrices p = FractionPrices.of(mix(new int[][] {{1000, 5}, {0, 5}}));
    assertThat(p.price(500)).isZero();
    assertThat(p.loss(0, 300)).isZero();
    assertThat(p.bestFill(1000)).isZero();
    assertThat(p.describe()).isEmpty();
  }
}
