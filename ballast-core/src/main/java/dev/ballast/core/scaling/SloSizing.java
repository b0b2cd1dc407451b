package dev.ballast.core.scaling;

import dev.ballast.core.catalog.ServingProfile;

/**
 * How many requests per second one replica can take while its requests still meet a TTFT target
 * at a given quantile: a queueing model of a continuous-batching replica.
 *
 * <p>A request waits for a batch slot, then for the prefills ahead of it, then is prefilled
 * (prefill runs before decode, as in the twin and vLLM's default scheduler). So
 *
 * <ul>
 *   <li>the prefill stage is a G/G/1 queue with utilization ρ = λ·s (s = prompt / prefill rate);
 *       its wait has Kingman's mean {@code ρ/(1−ρ)·(ca²+cs²)/2·s} and, approximately, an
 *       exponential tail {@code P(W > t) ≈ ρ·exp(−ρt/E[W])};
 *   <li>decode runs only while no prefill does, so the number of sequences in the batch solves
 *       {@code L = λ·(s + E[W] + (out−1)·ITL(L)/(1−ρ))} (Little's law with a fixed point in L);
 *   <li>the batch is full with the Poisson probability {@code P(N ≥ B)}, N ~ Poisson(L), where B is
 *       the batch limit or fewer when the KV cache binds; a request that finds it full waits.
 * </ul>
 *
 * <p>{@code P(TTFT > T) ≈ P(batch full) + P(W > T − s)}. The usable rate is the largest λ with that
 * probability within the allowed miss share. No utilization target is involved: the rate follows
 * from the profile, the token mix, the TTFT target and the share.
 */
public final class SloSizing {
  private SloSizing() {}

  /** What the model says at one arrival rate. */
  public record Point(double arrivalRate, double prefillUtilization, double batchOccupancy, double missProbability) {}

  /**
   * The largest per-replica arrival rate with {@code P(TTFT > target) ≤ allowedMiss}.
   *
   * @param arrivalScv squared coefficient of variation of inter-arrival times (1 for Poisson)
   * @param promptScv squared coefficient of variation of prompt lengths
   */
  public static double usableRate(
      ServingProfile profile, TokenMix mix, double ttftTargetSeconds, double allowedMiss, double arrivalScv, double promptScv) {
    double hi = ReplicaThroughput.saturationRequestsPerSecond(profile, mix);
    double lo = 0;
    if (missProbability(profile, mix, ttftTargetSeconds, hi * 1e-6, arrivalScv, promptScv) > allowedMiss) {
      return 0; // even a trickle misses: the prompt alone outlasts the target
    }
    for (int i = 0; i < 60; i++) {
      double mid = (lo + hi) / 2;
      if (missProbability(profile, mix, ttftTargetSeconds, mid, arrivalScv, promptScv) <= allowedMiss) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** {@code P(TTFT > target)} at arrival rate {@code lambda}; 1 when the replica saturates. */
  public static double missProbability(
      ServingProfile profile, TokenMix mix, double target, double lambda, double arrivalScv, double promptScv) {
    return evaluate(profile, mix, target, lambda, arrivalScv, promptScv).missProbability();
  }

  public static Point evaluate(ServingProfile profile, TokenMix mix, double target, double lambda, double arrivalScv, double promptScv) {
    double s = mix.meanInputTokens() / profile.prefillTokensPerSecond();
    double rho = lambda * s;
    if (rho >= 1) {
      return new Point(lambda, rho, Double.POSITIVE_INFINITY, 1);
    }
    double meanWait = rho / (1 - rho) * (arrivalScv + promptScv) / 2 * s;
    double batch = ReplicaThroughput.effectiveBatch(profile, mix);
    double decodeTokens = Math.max(0, mix.meanOutputTokens() - 1);
    // fixed point for the sequences in the batch: L = λ (s + W + (out-1) ITL(L) / (1-ρ))
    double occupancy = lambda * (s + meanWait);
    for (int i = 0; i < 200; i++) {
      double next = lambda * (s + meanWait + decodeTokens * profile.itlSeconds((int) Math.ceil(Math.max(1, occupancy))) / (1 - rho));
      if (Math.abs(next - occupancy) < 1e-9 * Math.max(1, occupancy)) {
        occupancy = next;
        break;
      }
      occupancy = next;
      if (occupancy > 4 * batch) {
        return new Point(lambda, rho, occupancy, 1);
      }
    }
    double decodeLoad = lambda * decodeTokens * profile.itlSeconds((int) batch) / batch;
    if (rho + decodeLoad >= 1) {
      return new Point(lambda, rho, occupancy, 1); // beyond saturation even at a full batch
    }
    double full = poissonTail(occupancy, (int) batch);
    double slack = target - s;
    double waitTail = slack <= 0 ? 1 : (meanWait <= 0 ? 0 : rho * Math.exp(-rho * slack / meanWait));
    return new Point(lambda, rho, occupancy, Math.min(1, full + waitTail));
  }

  /** {@code P(N ≥ k)} for N ~ Poisson(mean): the terms by recurrence, from the mode outward in log space when e^-mean underflows. */
  static double poissonTail(double mean, int k) {
    if (mean <= 0) {
      return k <= 0 ? 1 : 0;
    }
    if (k <= 0) {
      return 1;
    }
    double below = 0;
    if (mean < 600) {
      double term = Math.exp(-mean);
      for (int i = 0; i < k; i++) {
        if (i > 0) {
          term *= mean / i;
        }
        below += term;
      }
    } else {
      double logMean = Math.log(mean);
      double logTerm = -mean;
      for (int i = 0; i < k; i++) {
        if (i > 0) {
          logTerm += logMean - Math.log(i);
        }
        below += Math.exp(logTerm);
      }
    }
    return Math.max(0, Math.min(1, 1 - below));
  }

  private static final java.util.Map<Key, Double> MEMO = new java.util.concurrent.ConcurrentHashMap<>();
  private static final int MEMO_LIMIT = 50_000;
  private static final double MIX_STEP = Math.log(1.01);

  private record Key(ServingProfile profile, long inBucket, long outBucket, double target, double allowedMiss) {}

  /**
   * {@link #usableRate} for Poisson arrivals at the token mix rounded to 1 % steps, remembered: a
   * pure function of its inputs, computed once per profile, target and rounded mix. Many services
   * ask the same question every tick; the rounding keeps the answer independent of what was asked
   * before.
   */
  public static double usableRate(ServingProfile profile, TokenMix mix, double ttftTargetSeconds, double allowedMiss) {
    long in = Math.round(Math.log(Math.max(1, mix.meanInputTokens())) / MIX_STEP);
    long out = Math.round(Math.log(Math.max(1, mix.meanOutputTokens())) / MIX_STEP);
    Key key = new Key(profile, in, out, ttftTargetSeconds, allowedMiss);
    Double cached = MEMO.get(key);
    if (cached != null) {
      return cached;
    }
    TokenMix rounded = new TokenMix(Math.exp(in * MIX_STEP), Math.exp(out * MIX_STEP));
    double rate = usableRate(profile, rounded, ttftTargetSeconds, allowedMiss, 1, 1);
    if (MEMO.size() > MEMO_LIMIT) {
      MEMO.clear();
    }
    MEMO.put(key, rate);
    return rate;
  }
}
