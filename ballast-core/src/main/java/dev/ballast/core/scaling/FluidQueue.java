package dev.ballast.core.scaling;

/**
 * A first-come, first-served fluid queue fed one interval at a time with arrivals spread evenly
 * over the interval and served at a capacity (req/s) that may change between intervals. The
 * backlog carries over, so capacity below the mean rate keeps missing however short each burst.
 * A request arriving {@code τ} into an interval that starts with backlog Q waits
 * {@code (Q + (r − C)·τ) / C}; it is late when that exceeds the target T.
 */
final class FluidQueue {
  private final double targetSeconds;
  private double backlog;

  FluidQueue(double targetSeconds) {
    this.targetSeconds = targetSeconds;
  }

  /** Requests of this interval that wait past the target; the backlog moves on to its end. */
  double late(double seconds, double arrivals, double capacity) {
    if (seconds <= 0) {
      return 0;
    }
    double r = arrivals / seconds;
    if (capacity <= 0) {
      backlog += arrivals;
      return arrivals;
    }
    double tolerable = targetSeconds * capacity; // backlog a new arrival can wait out
    double lateSeconds;
    if (r > capacity) {
      double onTimeUntil = Math.max(0, (tolerable - backlog) / (r - capacity));
      lateSeconds = Math.max(0, seconds - onTimeUntil);
    } else {
      double lateUntil = backlog > tolerable ? (backlog - tolerable) / Math.max(1e-12, capacity - r) : 0;
      lateSeconds = Math.min(seconds, lateUntil);
    }
    backlog = Math.max(0, backlog + (r - capacity) * seconds);
    return arrivals * lateSeconds / seconds;
  }

  double backlog() {
    return backlog;
  }
}
