package dev.ballast.core.forecast;

/**
 * A forecast with its uncertainty: the point value and the empirical distribution of the
 * forecaster's recent multiplicative errors at this horizon, so any quantile can be read off.
 *
 * @param point the point forecast
 * @param logErrorMean mean of log(actual / forecast) over recent errors
 * @param logErrorSd standard deviation of those log errors
 * @param logErrorQuantiles sorted recent log errors (empirical distribution), may be empty
 * @param forecaster which forecaster made it
 */
public record Forecast(double point, double logErrorMean, double logErrorSd, double[] logErrorQuantiles, String forecaster) {

  /** Too few errors to trust the empirical tail: fall back to a log-normal with this spread. */
  static final int MIN_EMPIRICAL = 30;

  /**
   * The {@code q} quantile of the demand: the point times the error quantile, empirical where
   * enough errors were seen and the quantile is inside them, log-normal beyond.
   */
  public double quantile(double q) {
    if (!(q > 0 && q < 1)) {
      throw new IllegalArgumentException("quantile must be in (0, 1), got " + q);
    }
    double logRatio;
    int n = logErrorQuantiles.length;
    if (n >= MIN_EMPIRICAL && q * n >= 1 && (1 - q) * n >= 1) {
      double pos = q * (n - 1);
      int lo = (int) Math.floor(pos);
      int hi = Math.min(n - 1, lo + 1);
      logRatio = logErrorQuantiles[lo] + (pos - lo) * (logErrorQuantiles[hi] - logErrorQuantiles[lo]);
    } else {
      logRatio = logErrorMean + Normal.inverse(q) * logErrorSd;
    }
    return point * Math.exp(logRatio);
  }
}
