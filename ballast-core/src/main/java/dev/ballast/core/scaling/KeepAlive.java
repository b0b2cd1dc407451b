package dev.ballast.core.scaling;

/**
 * Learned keep-alive for a service that may scale to zero: the hybrid histogram policy of Shahrad
 * et al., "Serverless in the Wild" (USENIX ATC'20). Idle times (from the end of one burst of
 * activity to the next request) go into a histogram of one-minute bins; once it holds enough
 * of them, the service is unloaded after activity, pre-warmed at the 5th percentile of idle
 * time, and kept warm until the 99th. Until then, or when idle times run past the histogram, a
 * fixed keep-alive applies.
 *
 * <p>With a price on cold starts ({@code coldStartWorthSeconds}, GPU-seconds one avoided cold start
 * is worth), the window is instead the cheapest in expectation over the histogram: keep warm for
 * {@code T} after activity, then optionally pre-warm to be ready at {@code P}, minimising GPU time
 * held idle (a cold start itself holds a GPU for the lead time) plus the worth of each cold start.
 * At worth 0 this is ski rental (Karlin et al., 1988): keep warm while that is cheaper than a start.
 * Until the histogram is learned, the costed window keeps warm for a cold start's cost (ski
 * rental's break-even) rather than the fixed fallback, which the hybrid window keeps.
 * It also remembers the last active periods, their requests and length: what a cold start keeps
 * waiting ({@link #requestsPerColdStart}), from which Ballast prices a cold start by the SLO.
 */
public final class KeepAlive {
  private final int[] bins;
  private final int minSamples;
  private final double fallbackSeconds;
  private final double headPercentile;
  private final double tailPercentile;
  private int samples;
  private int outOfBounds;
  private Window costWindow;
  private int costWindowSamples = -1;
  private double costWindowLead = Double.NaN;
  private double costWindowWorth = Double.NaN;
  private final long[] periodRequests = new long[ACTIVE_PERIODS_KEPT];
  private final double[] periodSeconds = new double[ACTIVE_PERIODS_KEPT];
  private int activePeriods;

  /** Active periods remembered for {@link #requestsPerColdStart}. */
  static final int ACTIVE_PERIODS_KEPT = 64;

  /**
   * The decision for one idle period: warm while idle for less than {@code keepAfterActivity}
   * seconds, and again from {@code prewarmAfter} (ready then: started a lead time before) until
   * {@code keepAliveUntil} seconds of idleness.
   */
  public record Window(double keepAfterActivitySeconds, double prewarmAfterSeconds, double keepAliveUntilSeconds, boolean learned, String reason) {
    /** Whether a service idle for {@code idleSeconds} should hold a replica, one that takes {@code leadSeconds} to be ready. */
    public boolean warm(double idleSeconds, double leadSeconds) {
      return idleSeconds < keepAfterActivitySeconds || idleSeconds >= prewarmAfterSeconds - leadSeconds && idleSeconds < keepAliveUntilSeconds;
    }
  }

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

  /** Records an active period that just ended: its requests and how long it lasted. */
  public void activeEnded(long requests, double seconds) {
    int slot = activePeriods % ACTIVE_PERIODS_KEPT;
    periodRequests[slot] = requests;
    periodSeconds[slot] = seconds;
    activePeriods++;
  }

  /**
   * The requests a cold start keeps waiting, over the last active periods: those arriving within
   * {@code leadSeconds} of a period's start (spread evenly over the period). NaN before any.
   */
  public double requestsPerColdStart(double leadSeconds) {
    int n = Math.min(activePeriods, ACTIVE_PERIODS_KEPT);
    if (n == 0) {
      return Double.NaN;
    }
    double sum = 0;
    for (int i = 0; i < n; i++) {
      sum += periodRequests[i] * Math.min(1, leadSeconds / Math.max(1, periodSeconds[i]));
    }
    return sum / n;
  }

  public int samples() {
    return samples;
  }

  /**
   * The window for a service whose replica takes {@code leadSeconds} to be ready from nothing, the
   * cheapest in expectation with one avoided cold start worth {@code coldStartWorthSeconds}
   * GPU-seconds beyond the start itself; with NaN, the hybrid histogram's percentiles.
   */
  public Window window(double leadSeconds, double coldStartWorthSeconds) {
    if (Double.isNaN(coldStartWorthSeconds)) {
      return window();
    }
    String thin = thinHistory();
    if (thin != null) {
      return breakEven(leadSeconds, coldStartWorthSeconds, thin);
    }
    if (costWindow == null || costWindowSamples != samples || costWindowLead != leadSeconds || costWindowWorth != coldStartWorthSeconds) {
      costWindow = cheapest(leadSeconds, coldStartWorthSeconds);
      costWindowSamples = samples;
      costWindowLead = leadSeconds;
      costWindowWorth = coldStartWorthSeconds;
    }
    return costWindow;
  }

  /**
   * Without a histogram to cost over, keep warm for as long as a cold start costs (its lead time
   * and its worth), then go cold: ski rental's deterministic break-even, which never costs more
   * than twice the best choice made knowing the idle time (Karlin et al., 1988). A fixed
   * keep-alive longer than that pays for every sparse service's idle minutes.
   */
  private static Window breakEven(double lead, double coldStartWorthSeconds, String thin) {
    double keep = lead + coldStartWorthSeconds;
    return new Window(keep, Double.POSITIVE_INFINITY, 0, false, String.format(
        "keep-alive fallback %.0f s (%s): a cold start's cost, its %.0f s lead and worth %.0f GPU-s, no pre-warm", keep, thin, lead, coldStartWorthSeconds));
  }

  private Window fallback(String thin) {
    return new Window(0, 0, fallbackSeconds, false, String.format("keep-alive fallback %.0f s (%s)", fallbackSeconds, thin));
  }

  /** Why the histogram is too thin to learn from, or null once it is not. */
  private String thinHistory() {
    int inRange = samples - outOfBounds;
    if (inRange < minSamples) {
      return String.format("%d idle periods seen, need %d", samples, minSamples);
    }
    if (outOfBounds > 0.1 * samples) {
      return String.format("%d of %d idle periods beyond %d min", outOfBounds, samples, bins.length);
    }
    return null;
  }

  /**
   * The (T, P) of least expected cost per idle period, in whole minutes: an idle period of x
   * shorter than T costs x; one between T and P costs T plus a cold start (the lead time, and its
   * worth); one past P costs T plus the wait of the pre-warmed replica, x − P + lead.
   */
  private Window cheapest(double lead, double coldStartWorthSeconds) {
    int b = bins.length;
    double[] n = new double[b + 1]; // prefix counts
    double[] x = new double[b + 1]; // prefix sums of idle time (bin midpoints)
    int last = 0;
    for (int i = 0; i < b; i++) {
      n[i + 1] = n[i] + bins[i];
      x[i + 1] = x[i] + bins[i] * (i + 0.5) * 60;
      if (bins[i] > 0) {
        last = i;
      }
    }
    double total = n[b];
    double bestCost = Double.POSITIVE_INFINITY;
    int bestT = 0;
    int bestP = b;
    for (int t = 0; t <= last + 1; t++) {
      double keep = t * 60.0;
      // no pre-warm: everything at or past T starts cold
      double noPrewarm = x[t] + (total - n[t]) * (keep + lead + coldStartWorthSeconds);
      if (noPrewarm < bestCost) {
        bestCost = noPrewarm;
        bestT = t;
        bestP = b;
      }
      for (int q = t + 1; q <= last; q++) {
        double ready = q * 60.0;
        if (ready - lead <= keep) {
          continue; // the pre-warm would start before the keep-alive ends: that is keeping warm
        }
        double cost = x[t] + (n[q] - n[t]) * (keep + lead + coldStartWorthSeconds) + (x[b] - x[q]) + (total - n[q]) * (keep - ready + lead);
        if (cost < bestCost) {
          bestCost = cost;
          bestT = t;
          bestP = q;
        }
      }
    }
    double keep = bestT * 60.0;
    int inRange = (int) total;
    if (bestP >= b) {
      return new Window(keep, Double.POSITIVE_INFINITY, 0, true, String.format(
          "costed over %d idle periods (a cold start worth %.0f GPU-s): keep warm %.0f s after activity, no pre-warm", inRange, coldStartWorthSeconds, keep));
    }
    double ready = bestP * 60.0;
    double until = (last + 1) * 60.0 * 1.1;
    return new Window(keep, ready, until, true, String.format(
        "costed over %d idle periods (a cold start worth %.0f GPU-s): keep warm %.0f s after activity, ready again after %.0f s idle, until %.0f s",
        inRange, coldStartWorthSeconds, keep, ready, until));
  }

  /** The hybrid histogram's window (ATC'20), whatever the cold-start worth. */
  public Window window() {
    String thin = thinHistory();
    if (thin != null) {
      return fallback(thin);
    }
    int inRange = samples - outOfBounds;
    int head = percentileBin(headPercentile, inRange);
    int tail = percentileBin(tailPercentile, inRange);
    // pre-warm at the start of the head bin, keep warm to the end of the tail bin plus 10 % (ATC'20 margins)
    double prewarm = head * 60.0 * 0.9;
    double keepUntil = (tail + 1) * 60.0 * 1.1;
    return new Window(0, prewarm, keepUntil, true, String.format("learned from %d idle periods: pre-warm after %.0f s idle, keep warm until %.0f s", inRange, prewarm, keepUntil));
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
