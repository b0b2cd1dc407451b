package dev.ballast.core.capacity;

import dev.ballast.core.forecast.Forecast;
import dev.ballast.core.scaling.BurstProfile;

/**
 * How many replicas' worth of capacity to hold in a tier, by expected cost against SLO risk.
 *
 * <p>If demand grows by a ratio {@code r} before the next slower tier can deliver, capacity held
 * at a multiple {@code x} of today's need misses the share {@code miss(x / r)} of requests, where
 * {@code miss} is the service's learned burst curve for the rule it follows (the share of recent
 * requests that many times the rule's basis would have delayed past the TTFT target). Averaging
 * over the forecast's distribution of {@code r} gives the expected miss share for each extra
 * replica held. A replica is worth holding while it cuts expected misses by more than it costs:
 *
 * <pre>  Δ E[miss] × K × N  >  price ratio</pre>
 *
 * with N the replicas today's need takes, K the weight of a miss against serving a request (the
 * SLO share over its complement: at 99 %, 99), and the price ratio of the tier against a running
 * replica (1 for a warm replica, the disk's share for a stopped node).
 */
public final class TierSizing {
  private static final int POINTS = 32;

  private TierSizing() {}

  /**
   * @param rule the burst rule the service follows, and {@code factor} its multiple
   * @param held capacity already held in faster tiers, in replicas
   * @param needed replicas today's need takes
   * @param growth the forecast of demand over the tier's horizon, as a multiple of today's
   */
  public static int replicas(
      BurstProfile profile,
      int rule,
      double factor,
      double held,
      double needed,
      Forecast growth,
      double priceRatio,
      double missWeight,
      int max) {
    if (needed <= 0 || max <= 0) {
      return 0;
    }
    double[] ratios = new double[POINTS];
    for (int j = 0; j < POINTS; j++) {
      ratios[j] = Math.max(1e-6, growth.quantile((j + 0.5) / POINTS));
    }
    double threshold = priceRatio / (missWeight * needed);
    double current = expectedMiss(profile, rule, factor, held / needed, ratios);
    int w = 0;
    while (w < max) {
      double next = expectedMiss(profile, rule, factor, (held + w + 1) / needed, ratios);
      if (current - next <= threshold) {
        break;
      }
      current = next;
      w++;
    }
    return w;
  }

  static double expectedMiss(BurstProfile profile, int rule, double factor, double multiple, double[] ratios) {
    double sum = 0;
    for (double r : ratios) {
      sum += profile.missedShareAt(rule, factor * multiple / r);
    }
    return sum / ratios.length;
  }
}
