package dev.ballast.operator.metrics;

import dev.ballast.core.spi.ServiceSample;

/**
 * Keeps a service's counters growing, as the core's samples promise, although each is a sum over
 * its replicas' own counters: when a replica goes (scaled down, or restarted with its counters at
 * zero), its count leaves the sum, and the difference to the last sample would be negative, a
 * burst of negative requests. Each counter instead grows by what it rose, or by nothing in an
 * interval where it fell, which leaves out what the other replicas served in that one interval.
 */
public final class CounterContinuity {
  private ServiceSample lastRaw;
  private ServiceSample lastKept;

  /** The sample with its counters carried on from the samples before it. */
  public ServiceSample next(ServiceSample raw) {
    if (lastRaw == null) {
      lastRaw = raw;
      lastKept = raw;
      return raw;
    }
    long firstTokens = grown(lastKept.firstTokensTotal(), raw.firstTokensTotal(), lastRaw.firstTokensTotal());
    ServiceSample kept = new ServiceSample(
        raw.at(), raw.readyReplicas(), raw.startingReplicas(), raw.pendingReplicas(),
        grown(lastKept.arrivalsTotal(), raw.arrivalsTotal(), lastRaw.arrivalsTotal()),
        grown(lastKept.promptTokensTotal(), raw.promptTokensTotal(), lastRaw.promptTokensTotal()),
        grown(lastKept.outputTokensTotal(), raw.outputTokensTotal(), lastRaw.outputTokensTotal()),
        firstTokens,
        Math.min(firstTokens, grown(lastKept.firstTokensWithinSloTotal(), raw.firstTokensWithinSloTotal(), lastRaw.firstTokensWithinSloTotal())),
        grown(lastKept.failedTotal(), raw.failedTotal(), lastRaw.failedTotal()),
        raw.running(), raw.waiting(),
        lastKept.inFlightSecondsTotal() + Math.max(0, raw.inFlightSecondsTotal() - lastRaw.inFlightSecondsTotal()),
        raw.kvCacheUsage());
    lastRaw = raw;
    lastKept = kept;
    return kept;
  }

  private static long grown(long kept, long now, long before) {
    return kept + Math.max(0, now - before);
  }
}
