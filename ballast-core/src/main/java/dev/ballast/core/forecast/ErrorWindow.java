package dev.ballast.core.forecast;

import java.util.Arrays;

/**
 * A forecaster's recent errors at one horizon: every forecast made {@code h} steps ahead is kept
 * until its actual value arrives, then its absolute and multiplicative errors join a sliding
 * window.
 */
final class ErrorWindow {
  /** Added to both sides of a ratio so that zero traffic does not give infinite errors. */
  static final double EPSILON = 1e-3;

  static final double PRIOR_LOG_SD = 0.2;

  private final int horizon;
  private final double[] pending;
  private final double[] logErrors;
  private final double[] absErrors;
  private int count;
  private int next;
  private long made;
  private double[] sorted;

  ErrorWindow(int horizon, int window) {
    this.horizon = horizon;
    this.pending = new double[horizon];
    this.logErrors = new double[window];
    this.absErrors = new double[window];
  }

  /** Records the forecast just made for {@code horizon} steps ahead. */
  void predicted(double value) {
    pending[(int) (made % horizon)] = value;
    made++;
  }

  /** The value that arrived now settles the forecast made {@code horizon} steps ago. */
  void actual(double value, long observedBefore) {
    // the forecast for this step was made right after observation number (observedBefore - horizon)
    long index = observedBefore - horizon;
    if (index < 0 || index >= made) {
      return;
    }
    double predicted = pending[(int) (index % horizon)];
    int slot = next;
    logErrors[slot] = Math.log((value + EPSILON) / (predicted + EPSILON));
    absErrors[slot] = Math.abs(value - predicted);
    next = (next + 1) % logErrors.length;
    count = Math.min(count + 1, logErrors.length);
    sorted = null;
  }

  int count() {
    return count;
  }

  double meanAbsoluteError() {
    double s = 0;
    for (int i = 0; i < count; i++) {
      s += absErrors[i];
    }
    return count == 0 ? Double.POSITIVE_INFINITY : s / count;
  }

  Forecast forecast(double point, String name) {
    if (sorted == null) {
      sorted = Arrays.copyOf(logErrors, count);
      Arrays.sort(sorted);
    }
    double mean = 0;
    for (double e : sorted) {
      mean += e;
    }
    mean = count == 0 ? 0 : mean / count;
    double var = 0;
    for (double e : sorted) {
      var += (e - mean) * (e - mean);
    }
    // with few errors, lean on a prior spread (log-sd 0.2: about +22 % at one sigma)
    double sd = count < 2 ? PRIOR_LOG_SD : Math.sqrt(var / (count - 1));
    if (count < Forecast.MIN_EMPIRICAL) {
      double w = (double) count / Forecast.MIN_EMPIRICAL;
      sd = w * sd + (1 - w) * PRIOR_LOG_SD;
    }
    return new Forecast(point, mean, sd, sorted, name);
  }
}
