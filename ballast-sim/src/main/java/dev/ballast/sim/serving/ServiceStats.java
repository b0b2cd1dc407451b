package dev.ballast.sim.serving;

import org.HdrHistogram.Histogram;

/**
 * What happened to one service's requests: counters a metrics endpoint would export (all
 * requests: policies see them), and the measured results (only requests that arrived after the
 * run's warm-up): counts and exact TTFT and end-to-end histograms (microseconds, 3 significant
 * digits).
 */
public final class ServiceStats {
  private static final long MAX_MICROS = 3_600_000_000L * 24;

  private final double ttftTargetSeconds;
  long arrivals;
  long promptTokens;
  long outputTokens;
  long firstTokens;
  long withinSlo;
  long completed;
  final long[] failed = new long[FailureReason.values().length];
  final Histogram ttft = new Histogram(MAX_MICROS, 3);
  final Histogram e2e = new Histogram(MAX_MICROS, 3);
  long measuredArrivals;
  long measuredWithinSlo;
  long measuredCompleted;
  long measuredColdHits;
  final long[] measuredFailed = new long[FailureReason.values().length];
  private long inFlight;
  private double inFlightIntegral;
  private double lastChange;

  public ServiceStats(double ttftTargetSeconds) {
    this.ttftTargetSeconds = ttftTargetSeconds;
  }

  public void arrived(int input, int output, double now, boolean measured) {
    arrivals++;
    if (measured) {
      measuredArrivals++;
    }
    promptTokens += input;
    outputTokens += output;
    changeInFlight(+1, now);
  }

  public void firstToken(double ttftSeconds, boolean measured) {
    firstTokens++;
    boolean within = ttftSeconds <= ttftTargetSeconds;
    if (within) {
      withinSlo++;
    }
    if (measured) {
      if (within) {
        measuredWithinSlo++;
      }
      ttft.recordValue(micros(ttftSeconds));
    }
  }

  public void completed(double e2eSeconds, double now, boolean measured) {
    completed++;
    if (measured) {
      measuredCompleted++;
      e2e.recordValue(micros(e2eSeconds));
    }
    changeInFlight(-1, now);
  }

  public void failed(FailureReason reason, double now, boolean measured) {
    failed[reason.ordinal()]++;
    if (measured) {
      measuredFailed[reason.ordinal()]++;
    }
    changeInFlight(-1, now);
  }

  private void changeInFlight(int delta, double now) {
    inFlightIntegral += inFlight * (now - lastChange);
    lastChange = now;
    inFlight += delta;
  }

  /** Integral of in-flight requests over time up to {@code now} (request-seconds). */
  public double inFlightSeconds(double now) {
    return inFlightIntegral + inFlight * (now - lastChange);
  }

  private static long micros(double seconds) {
    return Math.min(MAX_MICROS, Math.max(0, Math.round(seconds * 1e6)));
  }

  public long arrivals() {
    return arrivals;
  }

  public long promptTokens() {
    return promptTokens;
  }

  public long outputTokens() {
    return outputTokens;
  }

  public long firstTokens() {
    return firstTokens;
  }

  public long withinSlo() {
    return withinSlo;
  }

  public long completed() {
    return completed;
  }

  public long failed(FailureReason reason) {
    return failed[reason.ordinal()];
  }

  public long failedTotal() {
    long sum = 0;
    for (long f : failed) {
      sum += f;
    }
    return sum;
  }

  public long inFlight() {
    return inFlight;
  }

  /** Requests that arrived after the warm-up. */
  public long measuredArrivals() {
    return measuredArrivals;
  }

  public long measuredWithinSlo() {
    return measuredWithinSlo;
  }

  /** Measured requests that arrived while no replica of their service was serving. */
  public long measuredColdHits() {
    return measuredColdHits;
  }

  public void coldHit(boolean measured) {
    if (measured) {
      measuredColdHits++;
    }
  }

  public long measuredCompleted() {
    return measuredCompleted;
  }

  public long measuredFailed(FailureReason reason) {
    return measuredFailed[reason.ordinal()];
  }

  /** TTFT of measured requests. */
  public Histogram ttftMicros() {
    return ttft;
  }

  public Histogram e2eMicros() {
    return e2e;
  }
}
