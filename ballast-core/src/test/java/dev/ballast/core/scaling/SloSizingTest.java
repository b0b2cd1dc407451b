package dev.ballast.core.scaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ballast.core.catalog.DefaultCatalog;
import dev.ballast.core.catalog.ServingProfile;
import org.junit.jupiter.api.Test;

class SloSizingTest {
  static final ServingProfile H100 = DefaultCatalog.get().model("llama-3.1-8b").profileOn("H100-80GB").orElseThrow();
  static final TokenMix CHAT = new TokenMix(1000, 200);

  @Test
  void theUsableRateIsBelowSaturationAndMeetsTheMissBudgetExactly() {
    double saturation = ReplicaThroughput.saturationRequestsPerSecond(H100, CHAT);
    double usable = SloSizing.usableRate(H100, CHAT, 2, 0.0025, 1, 1);
    assertThat(usable).isPositive().isLessThan(saturation);
    assertThat(SloSizing.missProbability(H100, CHAT, 2, usable, 1, 1)).isLessThanOrEqualTo(0.0025);
    assertThat(SloSizing.missProbability(H100, CHAT, 2, usable * 1.05, 1, 1)).isGreaterThan(0.0025);
  }

  @Test
  void aLooserTargetOrBudgetAllowsMoreRequestsPerReplica() {
    double strict = SloSizing.usableRate(H100, CHAT, 0.5, 0.001, 1, 1);
    double looserTarget = SloSizing.usableRate(H100, CHAT, 2, 0.001, 1, 1);
    double looserBudget = SloSizing.usableRate(H100, CHAT, 0.5, 0.01, 1, 1);
    assertThat(looserTarget).isGreaterThan(strict);
    assertThat(looserBudget).isGreaterThan(strict);
  }

  @Test
  void burstierArrivalsAllowFewerRequestsPerReplica() {
    assertThat(SloSizing.usableRate(H100, CHAT, 1, 0.005, 4, 1)).isLessThan(SloSizing.usableRate(H100, CHAT, 1, 0.005, 1, 1));
  }

  @Test
  void aPromptThatOutlastsTheTargetLeavesNoUsableRate() {
    TokenMix huge = new TokenMix(100_000, 10); // 2.5 s of prefill alone on an H100
    assertThat(SloSizing.usableRate(H100, huge, 2, 0.01, 1, 1)).isZero();
  }

  @Test
  void theMissProbabilityGrowsWithTheArrivalRateAndIsOneAtSaturation() {
    double previous = 0;
    double saturation = ReplicaThroughput.saturationRequestsPerSecond(H100, CHAT);
    for (double f = 0.1; f < 1; f += 0.1) {
      double p = SloSizing.missProbability(H100, CHAT, 1, f * saturation, 1, 1);
      assertThat(p).isGreaterThanOrEqualTo(previous);
      previous = p;
    }
    assertThat(SloSizing.missProbability(H100, CHAT, 1, saturation * 1.01, 1, 1)).isEqualTo(1);
  }

  @Test
  void thePoissonTailMatchesClosedForms() {
    assertThat(SloSizing.poissonTail(2, 1)).isCloseTo(1 - Math.exp(-2), within(1e-12));
    assertThat(SloSizing.poissonTail(3, 2)).isCloseTo(1 - Math.exp(-3) * (1 + 3), within(1e-12));
    assertThat(SloSizing.poissonTail(0, 1)).isZero();
    assertThat(SloSizing.poissonTail(5, 0)).isEqualTo(1);
    assertThat(SloSizing.poissonTail(200, 256)).isLessThan(1e-4);
  }
}
