package dev.ballast.core.forecast;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Runs several forecasters side by side on the same series and, for each horizon, answers with
 * the one whose recent mean absolute error at that horizon is lowest: the evidence decides, and
 * keeps deciding as the traffic changes. Quantiles come from the chosen forecaster's own recent
 * errors at that horizon.
 */
public final class AdaptiveForecaster {
  private final List<Forecaster> candidates;
  private final ErrorWindow[][] errors; // [candidate][horizon-1]
  private final int maxHorizon;

  public AdaptiveForecaster(List<Forecaster> candidates, int maxHorizon, int errorWindow) {
    if (candidates.isEmpty() || maxHorizon < 1) {
      throw new IllegalArgumentException("need at least one candidate and a horizon of at least 1");
    }
    this.candidates = List.copyOf(candidates);
    this.maxHorizon = maxHorizon;
    this.errors = new ErrorWindow[candidates.size()][maxHorizon];
    for (int c = 0; c < candidates.size(); c++) {
      for (int h = 0; h < maxHorizon; h++) {
        errors[c][h] = new ErrorWindow(h + 1, errorWindow);
      }
    }
  }

  /**
   * The default candidates for a series observed once a minute: naive, two EWMAs, damped Holt, and
   * a daily Holt-Winters (it only differs from Holt after a day of data).
   */
  public static AdaptiveForecaster perMinuteDefault(int maxHorizon) {
    List<Supplier<Forecaster>> makers =
        List.of(
            NaiveForecaster::new,
            () -> new EwmaForecaster(0.5),
            () -> new EwmaForecaster(0.2),
            () -> new HoltForecaster(0.5, 0.1, 0.9),
            () -> new SeasonalForecaster(1440, 0.3, 0.05, 0.2, 0.9));
    List<Forecaster> list = new ArrayList<>();
    makers.forEach(m -> list.add(m.get()));
    return new AdaptiveForecaster(list, maxHorizon, 240);
  }

  public void observe(double value) {
    for (int c = 0; c < candidates.size(); c++) {
      Forecaster f = candidates.get(c);
      long before = f.observed();
      for (int h = 0; h < maxHorizon; h++) {
        errors[c][h].actual(value, before);
      }
      f.observe(value);
      for (int h = 0; h < maxHorizon; h++) {
        errors[c][h].predicted(f.forecast(h + 1));
      }
    }
  }

  /** The forecast {@code steps} ahead (clamped to the tracked horizons) from the best candidate. */
  public Forecast forecast(int steps) {
    int h = Math.max(1, Math.min(maxHorizon, steps));
    int best = bestAt(h);
    return errors[best][h - 1].forecast(candidates.get(best).forecast(h), candidates.get(best).name());
  }

  /** The candidate with the lowest recent error at horizon {@code h} (the first on ties and early on). */
  int bestAt(int h) {
    int best = 0;
    double bestError = Double.POSITIVE_INFINITY;
    for (int c = 0; c < candidates.size(); c++) {
      ErrorWindow w = errors[c][h - 1];
      double e = w.count() < 10 ? Double.POSITIVE_INFINITY : w.meanAbsoluteError();
      if (e < bestError) {
        best = c;
        bestError = e;
      }
    }
    return best;
  }

  public long observed() {
    return candidates.get(0).observed();
  }

  /** The point forecast of candidate {@code c} (in {@link #names()} order), for evaluations. */
  public double candidateForecast(int c, int steps) {
    return candidates.get(c).forecast(Math.max(1, Math.min(maxHorizon, steps)));
  }

  /** The candidates' names, in order. */
  public List<String> names() {
    return candidates.stream().map(Forecaster::name).toList();
  }

  /** Recent mean absolute error of a candidate at horizon {@code h}, for reports. */
  public double meanAbsoluteError(int candidate, int h) {
    return errors[candidate][h - 1].meanAbsoluteError();
  }
}
