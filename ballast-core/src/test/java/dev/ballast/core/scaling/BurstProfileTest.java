package dev.ballast.core.scaling;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

class BurstProfileTest {
  static final double STEP = 10;

  /** Feeds {@code steps} 10 s intervals whose rate {@code rate(i)} gives, tracking the 60 s level as the policy does. */
  static BurstProfile replay(int steps, IntToDoubleFunction rate, long seed) {
    BurstProfile p = new BurstProfile(3600, 2, 0.005);
    SplittableRandom random = new SplittableRandom(seed);
    double level = Double.NaN;
    for (int i = 0; i < steps; i++) {
      double mean = rate.applyAsDouble(i) * STEP;
      double arrivals = Math.max(0, Math.round(mean + Math.sqrt(mean) * gaussian(random)));
      double[] levels = {Double.isNaN(level) ? arrivals / STEP : level};
      p.add(STEP, arrivals, levels);
      double w = 1 - Math.exp(-STEP / BurstProfile.LEVEL_TIME_CONSTANTS[0]);
      level = Double.isNaN(level) ? arrivals / STEP : level + w * (arrivals / STEP - level);
    }
    return p;
  }

  static double gaussian(SplittableRandom r) {
    return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
  }

  @Test
  void theFallbackAppliesUntilEnoughRequestsWereJudged() {
    BurstProfile p = replay(20, i -> 1, 1); // 200 s, 200 requests: nothing judged yet
    BurstProfile.Need need = p.need(120, 300, 1000, 1.5);
    assertThat(need.learned()).isFalse();
    assertThat(need.factor()).isEqualTo(1.5);
  }

  @Test
  void steadyTrafficNeedsLittleHeadroom() {
    BurstProfile p = replay(360, i -> 50, 2); // an hour at 50 req/s
    BurstProfile.Need need = p.need(120, 300, 1000, 1.5);
    assertThat(need.learned()).isTrue();
    double capacity = need.factor() * p.basisNow(new double[] {50})[need.rule()];
    assertThat(capacity).isBetween(45.0, 65.0);
  }

  @Test
  void onOffTrafficHoldsItsPeakThroughTheQuietSpells() {
    // two minutes at 100 req/s, then two minutes of silence, for an hour
    BurstProfile p = replay(360, i -> (i / 12) % 2 == 0 ? 100 : 0, 3);
    BurstProfile.Need need = p.need(120, 300, 1000, 1.5);
    assertThat(need.learned()).isTrue();
    assertThat(need.rule()).as(BurstProfile.describe(need.rule())).isGreaterThanOrEqualTo(BurstProfile.LEVEL_TIME_CONSTANTS.length);
    double quietLevel = 1; // the level during silence says nothing about the next burst
    double capacity = need.factor() * p.basisNow(new double[] {quietLevel})[need.rule()];
    assertThat(capacity).isGreaterThan(85);
  }

  @Test
  void moreHeadroomMissesFewerRequests() {
    BurstProfile p = replay(360, i -> 20 + 30 * Math.max(0, Math.sin(i / 7.0)), 4);
    double previous = 1;
    for (double f = 0.5; f <= 3; f += 0.25) {
      double missed = p.missedShareAt(0, f);
      assertThat(missed).isLessThanOrEqualTo(previous);
      previous = missed;
    }
    assertThat(p.missedShareAt(0, 0.5)).isGreaterThan(p.missedShareAt(0, 3));
  }

  @Test
  void aStepUpIsANewRegimeNotABurst() {
    // an hour at 80 req/s, then 400 req/s for ten minutes
    BurstProfile p = replay(360 + 60, i -> i < 360 ? 80 : 400, 6);
    assertThat(p.shifts()).isEqualTo(1);
    BurstProfile.Need need = p.need(400, 400, 1000, 1.5);
    assertThat(need.learned()).isTrue();
    // the factor describes the bursts of the new regime, not the step into it
    double capacity = need.factor() * p.basisNow(new double[] {400})[need.rule()];
    assertThat(capacity).isBetween(380.0, 600.0);
  }

  @Test
  void whileAStepIsUnconfirmedTheFallbackApplies() {
    BurstProfile p = replay(360 + 12, i -> i < 360 ? 80 : 400, 7); // two minutes into the step
    assertThat(p.shiftSuspected()).isTrue();
    assertThat(p.need(400, 400, 1000, 1.5).learned()).isFalse();
  }

  @Test
  void aBurstThatPassesStaysABurst() {
    BurstProfile p = replay(360 + 12 + 60, i -> i >= 360 && i < 372 ? 400 : 80, 8); // two minutes at 5x, then back
    assertThat(p.shiftSuspected()).isFalse();
    assertThat(p.shifts()).isZero();
  }
}
