package dev.ballast.core.forecast;

/** Tomorrow is like today: the last observation, at every horizon. The yardstick for the others. */
public final class NaiveForecaster implements Forecaster {
  private double last;
  private long n;

  @Override
  public String name() {
    return "naive";
  }

  @Override
  public void observe(double value) {
    last = value;
    n++;
  }

  @Override
  public double forecast(int steps) {
    return last;
  }

  @Override
  public long observed() {
    return n;
  }
}
