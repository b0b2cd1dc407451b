package dev.ballast.core.forecast;

/**
 * Additive Holt-Winters with a damped trend and a season of {@code period} steps (a day, for
 * diurnal traffic). Until a full season has been seen it behaves as damped Holt; after that the
 * seasonal terms learn online.
 */
public final class SeasonalForecaster implements Forecaster {
  private final int period;
  private final double alpha;
  private final double beta;
  private final double gamma;
  private final double phi;
  private final double[] season;
  private final double[] firstSeason;
  private double level;
  private double trend;
  private long n;

  public SeasonalForecaster(int period, double alpha, double beta, double gamma, double phi) {
    if (period < 2) {
      throw new IllegalArgumentException("a season needs at least 2 steps");
    }
    this.period = period;
    this.alpha = alpha;
    this.beta = beta;
    this.gamma = gamma;
    this.phi = phi;
    this.season = new double[period];
    this.firstSeason = new double[period];
  }

  @Override
  public String name() {
    return "holt-winters(" + period + ")";
  }

  @Override
  public void observe(double value) {
    int slot = (int) (n % period);
    if (n < period) {
      firstSeason[slot] = value;
      if (n == period - 1) {
        double mean = 0;
        for (double v : firstSeason) {
          mean += v;
        }
        mean /= period;
        for (int i = 0; i < period; i++) {
          season[i] = firstSeason[i] - mean;
        }
        level = mean;
        trend = 0;
      } else {
        level = n == 0 ? value : level + 0.5 * (value - level);
      }
    } else {
      double previous = level;
      double s = season[slot];
      level = alpha * (value - s) + (1 - alpha) * (level + phi * trend);
      trend = beta * (level - previous) + (1 - beta) * phi * trend;
      season[slot] = gamma * (value - level) + (1 - gamma) * s;
    }
    n++;
  }

  @Override
  public double forecast(int steps) {
    if (n < period) {
      return Math.max(0, level);
    }
    double damp = 0;
    double p = 1;
    for (int i = 1; i <= steps; i++) {
      p *= phi;
      damp += p;
    }
    int slot = (int) ((n + steps - 1) % period);
    return Math.max(0, level + damp * trend + season[slot]);
  }

  @Override
  public long observed() {
    return n;
  }
}
