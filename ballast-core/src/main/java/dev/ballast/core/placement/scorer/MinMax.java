package dev.ballast.core.placement.scorer;

/** kube-scheduler style min-max normalization of integer scores to 0..100, with integer division. */
final class MinMax {
  private MinMax() {}

  static void normalize(double[] scores) {
    long hi = Long.MIN_VALUE;
    long lo = Long.MAX_VALUE;
    for (double s : scores) {
      hi = Math.max(hi, (long) s);
      lo = Math.min(lo, (long) s);
    }
    long range = hi - lo;
    for (int i = 0; i < scores.length; i++) {
      scores[i] = range == 0 ? 0 : ((long) scores[i] - lo) * 100 / range;
    }
  }
}
