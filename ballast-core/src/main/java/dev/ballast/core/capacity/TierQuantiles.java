package dev.ballast.core.capacity;

/**
 * How much of the forecast's uncertainty each tier should cover, by expected cost against SLO
 * risk: the newsvendor critical ratio {@code q = c_u / (c_u + c_o)}. Holding one more replica in a
 * tier costs {@code c_o} (the tier's price relative to a running replica); lacking one when demand
 * comes costs {@code c_u}, the price of missing the SLO, set so that a full-price tier covers the
 * SLO's own share: {@code c_u = share / (1 − share)} (at 99 %, a miss weighs 99 replica-periods).
 * A stopped node costs its disk only, so the stopped tier covers far more of the tail.
 */
public final class TierQuantiles {
  private TierQuantiles() {}

  public static double forPriceRatio(double sloShare, double priceRatio) {
    double underage = sloShare / Math.max(1e-9, 1 - sloShare);
    double q = underage / (underage + Math.max(1e-9, priceRatio));
    return Math.min(0.9999, Math.max(0.5, q));
  }
}
