package dev.ballast.core.scaling;

/**
 * Learned keep-alive for a service that may scale to zero: the hybrid histogram policy of Shahrad
 * et al., "Serverless in the Wild" (USENIX ATC'20). Idle times (from the end of one burst of
 * activity to the next request) go into a histogram of one-minute bins; once it holds enough
 * of them, the service is unloaded after activity, pre-warmed at the 5th percentile of idle
 * time, and kept warm until the 99th. Until then, or when idle times run past the histogram, a
 * fixed keep-alive applies.
 */
public final class KeepAlive {
  private final int[] bins;
  private final int minSamples;
  private final double fallbackSeconds;
  private final double headPercentile;
  private final double tailPercentile;
  private int samples;
  private int outOfBounds;

  /** The decision for one idle period: warm from {@code prewarmAfter} until {@code keepAliveUntil} seconds of idleness. */
  public record Window(double prewarmAfterSeconds, double keepAliveUntilSeconds, boolean learned, String reason) {}

  public KeepAlive(int maxMinutes, int minSamples, double fallbackSeconds) {
    this.bins = new int[maxMinutes];
    this.minSamples = minSamples;
    this.fallbackSeconds = fallbackSeconds;
    this.headPercentile = 0.05;
    this.tailPercentile = 0.99;
  }

  /** Records an idle period that just ended. */
  public void idleEnded(double idleSeconds) {
    int minute = (int) Math.floor(idleSeconds / 60);
    if (minute >= bins.length) {
      outOfBounds++;
    } else {
      bins[minute]++;
    }
    samples++;
  }

  public int samples() {
    return samples;
  }

  public Window window() {
    int inRange = samples - outOfBounds;
    if (inRange < minSamples) {
      return new Window(0, fallbackSeconds, false, String.format("keep-alive fallback %.0f s (%d idle periods seen, need %d)", fallbackSeconds, samples, minSamples));
    }
    if (outOfBounds > 0.1 * samples) {
      return new Window(0, fallbackSeconds, false, String.format("keep-alive fallback %.0f s (%d of %d idle periods beyond %d min)", fallbackSeconds, outOfBounds, samples, bins.length));
    }
    int head = percentileBin(headPercentile, inRange);
    int tail = percentileBin(tailPercentile, inRange);
    // pre-warm at the start of the head bin, keep warm to the end of the tail bin plus 10 % (ATC'20 margins)
    double prewarm = head * 60.0 * 0.9;
    double keepUntil = (tail + 1) * 60.0 * 1.1;
    return new Window(prewarm, keepUntil, true, String.format("learned from %d idle periods: pre-warm after %.0f s idle, keep warm until %.0f s", inRange, prewarm, keepUntil));
  }

  private int percentileBin(double p, int total) {
    double need = p * total;
    int seen = 0;
    for (int i = 0; i < bins.length; i++) {
      seen += bins[i];
      if (seen >= need && seen > 0) {
        return i;
      }
    }
    return bins.length - 1;
  }
}
