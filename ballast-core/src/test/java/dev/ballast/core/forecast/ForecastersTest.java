package dev.ballast.core.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ForecastersTest {
  @Test
  void naiveRepeatsTheLastValue() {
    NaiveForecaster f = new NaiveForecaster();
    f.observe(3);
    f.observe(7);
    assertThat(f.forecast(1)).isEqualTo(7);
    assertThat(f.forecast(12)).isEqualTo(7);
  }

  @Test
  void ewmaConvergesToAConstant() {
    EwmaForecaster f = new EwmaForecaster(0.3);
    for (int i = 0; i < 100; i++) {
      f.observe(42);
    }
    assertThat(f.forecast(5)).isCloseTo(42, within(1e-6));
  }

  @Test
  void holtFollowsATrendAndDampsItFarOut() {
    HoltForecaster f = new HoltForecaster(0.5, 0.3, 0.95);
    for (int i = 0; i < 200; i++) {
      f.observe(100 + 2 * i);
    }
    double last = 100 + 2 * 199;
    assertThat(f.forecast(1)).isCloseTo(last + 2, within(1.0));
    assertThat(f.forecast(10)).isGreaterThan(f.forecast(1)).isLessThan(last + 2 * 10);
  }

  @Test
  void holtWintersLearnsASeason() {
    int period = 24;
    SeasonalForecaster f = new SeasonalForecaster(period, 0.3, 0.05, 0.3, 0.9);
    for (int i = 0; i < period * 20; i++) {
      f.observe(100 + 50 * Math.sin(2 * Math.PI * i / period));
    }
    int next = period * 20;
    for (int h = 1; h <= 6; h++) {
      assertThat(f.forecast(h)).isCloseTo(100 + 50 * Math.sin(2 * Math.PI * (next + h - 1) / period), within(5.0));
    }
  }

  @Test
  void theAdaptiveForecasterPicksTheBestCandidatePerHorizon() {
    AdaptiveForecaster a = new AdaptiveForecaster(List.of(new NaiveForecaster(), new SeasonalForecaster(24, 0.3, 0.05, 0.3, 0.9)), 6, 100);
    for (int i = 0; i < 24 * 20; i++) {
      a.observe(100 + 50 * Math.sin(2 * Math.PI * i / 24));
    }
    // a clean season: Holt-Winters wins at every horizon
    assertThat(a.forecast(6).forecaster()).startsWith("holt-winters");
    assertThat(a.meanAbsoluteError(1, 6)).isLessThan(a.meanAbsoluteError(0, 6));
  }

  @Test
  void quantilesAreOrderedAndWidenWithNoise() {
    AdaptiveForecaster quiet = AdaptiveForecaster.perMinuteDefault(4);
    AdaptiveForecaster noisy = AdaptiveForecaster.perMinuteDefault(4);
    SplittableRandom r = new SplittableRandom(7);
    for (int i = 0; i < 300; i++) {
      quiet.observe(100 * (1 + 0.02 * (r.nextDouble() - 0.5)));
      noisy.observe(100 * (1 + 0.8 * (r.nextDouble() - 0.5)));
    }
    Forecast q = quiet.forecast(4);
    Forecast n = noisy.forecast(4);
    assertThat(q.quantile(0.1)).isLessThan(q.quantile(0.5)).isLessThan(q.quantile(0.9));
    assertThat(n.quantile(0.9) / n.quantile(0.1)).isGreaterThan(q.quantile(0.9) / q.quantile(0.1));
  }
}
