package dev.ballast.core.forecast;

/**
 * Forecasts a non-negative series (a service's request rate) that arrives one observation per
 * step. It learns online from what it observes and never sees a value before its time.
 */
public interface Forecaster {

  /** Short name for reports, e.g. {@code holt}. */
  String name();

  /** Takes the next observation (one step after the previous one). */
  void observe(double value);

  /** The point forecast {@code steps} ahead (at least 1). */
  double forecast(int steps);

  /** Observations seen so far. */
  long observed();
}
