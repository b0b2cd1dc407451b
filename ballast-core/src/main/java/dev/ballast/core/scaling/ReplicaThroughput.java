package dev.ballast.core.scaling;

import dev.ballast.core.catalog.ServingProfile;

/**
 * What one replica can sustain for a token mix, from its serving profile.
 *
 * <p>A replica alternates between prefill (exclusive, at the prefill rate) and decode (b sequences
 * gain one token per ITL(b)). At arrival rate λ it spends {@code λ·in/prefillRate} of each second
 * prefilling and {@code λ·out·ITL(b)/b} decoding, so it saturates at {@code λ_max = 1 /
 * (in/prefillRate + out·ITL(B)/B)} with B the largest batch the KV cache and the batch limit allow.
 */
public final class ReplicaThroughput {
  private ReplicaThroughput() {}

  /** The largest batch this mix can run: the batch limit, or fewer when the KV cache binds. */
  public static int effectiveBatch(ServingProfile profile, TokenMix mix) {
    long byKv = (long) Math.floor(profile.kvCacheTokens() / Math.max(1.0, mix.meanContextTokens()));
    return (int) Math.max(1, Math.min(profile.maxConcurrentSequences(), byKv));
  }

  /** Seconds of replica time one request of this mix occupies at batch {@code batch}. */
  public static double replicaSecondsPerRequest(ServingProfile profile, TokenMix mix, int batch) {
    double prefill = mix.meanInputTokens() / profile.prefillTokensPerSecond();
    double decode = Math.max(0, mix.meanOutputTokens() - 1) * profile.itlSeconds(batch) / batch;
    return prefill + decode;
  }

  /** Requests per second one replica sustains at its largest batch: its saturation rate. */
  public static double saturationRequestsPerSecond(ServingProfile profile, TokenMix mix) {
    return 1.0 / replicaSecondsPerRequest(profile, mix, effectiveBatch(profile, mix));
  }

  /**
   * Requests per second one replica can prefill while it puts decoding aside: what bounds the time
   * to first token through a burst, since prefill runs first (the decode catches up afterwards).
   */
  public static double prefillRequestsPerSecond(ServingProfile profile, TokenMix mix) {
    return profile.prefillTokensPerSecond() / Math.max(1.0, mix.meanInputTokens());
  }

  /** Replicas needed to carry {@code requestsPerSecond} at {@code utilization} of saturation. */
  public static int replicasFor(ServingProfile profile, TokenMix mix, double requestsPerSecond, double utilization) {
    if (requestsPerSecond <= 0) {
      return 0;
    }
    return (int) Math.ceil(requestsPerSecond / (utilization * saturationRequestsPerSecond(profile, mix)) - 1e-9);
  }
}
