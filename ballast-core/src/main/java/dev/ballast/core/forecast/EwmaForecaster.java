package dev.ballast.core.forecast;

/** Exponentially weighted moving average: a level that follows the series with smoothing {@code alpha}. */
public final class EwmaForecaster implements Forecaster {
  private final double alpha;
  private double level;
  private long n;

  public EwmaForecaster(double alpha) {
    if (!(alpha > 0 && alpha <= 1)) {
      throw new IllegalArgumentException("alpha must be in (0, 1]");
    }
    this.alpha = alpha;
  }

  @Override
  public String name() {
    return "ewma(" + alpha + ")";
  }

  @Override
  public void observe(double value) {
    level = n == 0 ? value : level + alpha * (value - level);
    n++;
  }

  @Override
  public double forecast(int steps) {
    return level;
  }

  @Override
  public long observed() {
    return n;
  }
}
