package dev.ballast.core.capacity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.core.forecast.Forecast;
import dev.ballast.core.scaling.BurstProfile;
import org.junit.jupiter.api.Test;

class TierSizingTest {
  /** An hour of traffic that doubles for two minutes out of every ten. */
  static BurstProfile profile() {
    BurstProfile p = new BurstProfile(3600, 2, 0.005);
    for (int i = 0; i < 360; i++) {
      double rate = (i / 12) % 5 == 0 ? 100 : 50;
      p.add(10, rate * 10, new double[] {50});
    }
    return p;
  }

  static Forecast growth(double point, double logSd) {
    return new Forecast(point, 0, logSd, new double[0], "test");
  }

  @Test
  void nothingIsHeldForNoNeed() {
    assertThat(TierSizing.replicas(profile(), 0, 1, 0, 0, growth(1, 0.1), 1, 99, 10)).isZero();
  }

  @Test
  void cheaperTiersHoldMore() {
    BurstProfile p = profile();
    int warm = TierSizing.replicas(p, 0, 1, 10, 10, growth(1.2, 0.3), 1.0, 99, 50);
    int stopped = TierSizing.replicas(p, 0, 1, 10, 10, growth(1.2, 0.3), 0.005, 99, 50);
    assertThat(stopped).isGreaterThan(warm);
  }

  @Test
  void expectedGrowthAndAStricterSloHoldMore() {
    BurstProfile p = profile();
    int flat = TierSizing.replicas(p, 0, 1, 10, 10, growth(1.0, 0.2), 0.05, 99, 50);
    int rising = TierSizing.replicas(p, 0, 1, 10, 10, growth(1.5, 0.2), 0.05, 99, 50);
    assertThat(rising).isGreaterThan(flat);
    int strict = TierSizing.replicas(p, 0, 1, 10, 10, growth(1.5, 0.2), 1.0, 99, 50);
    int lax = TierSizing.replicas(p, 0, 1, 10, 10, growth(1.5, 0.2), 1.0, 9, 50);
    assertThat(lax).isLessThan(strict);
  }

  @Test
  void neverMoreThanTheCap() {
    assertThat(TierSizing.replicas(profile(), 0, 1, 1, 10, growth(3, 0.5), 0.001, 999, 4)).isLessThanOrEqualTo(4);
  }
}
