package dev.ballast.core.forecast;

/**
 * Holt's linear method with a damped trend (Gardner and McKenzie 1985): a level and a trend,
 * the trend's effect fading by {@code phi} per step, so long horizons do not run away.
 */
public final class HoltForecaster implements Forecaster {
  private final double alpha;
  private final double beta;
  private final double phi;
  private double level;
  private double trend;
  private long n;

  public HoltForecaster(double alpha, double beta, double phi) {
    this.alpha = alpha;
    this.beta = beta;
    this.phi = phi;
  }

  @Override
  public String name() {
    return "holt(" + alpha + "," + beta + "," + phi + ")";
  }

  @Override
  public void observe(double value) {
    if (n == 0) {
      level = value;
    } else if (n == 1) {
      trend = value - level;
      level = value;
    } else {
      double previous = level;
      level = alpha * value + (1 - alpha) * (level + phi * trend);
      trend = beta * (level - previous) + (1 - beta) * phi * trend;
    }
    n++;
  }

  @Override
  public double forecast(int steps) {
    double damp = 0;
    double p = 1;
    for (int i = 1; i <= steps; i++) {
      p *= phi;
      damp += p;
    }
    return Math.max(0, level + damp * trend);
  }

  @Override
  public long observed() {
    return n;
  }
}
