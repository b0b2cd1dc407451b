package dev.ballast.operator.metrics;

/** Durations as the CRDs write them: a number and ms or s ("500ms", "2s", "1.5s"). */
public final class Durations {
  private Durations() {}

  public static double seconds(String s) {
    if (s == null) {
      throw new IllegalArgumentException("a duration is required, e.g. 2s or 500ms");
    }
    String t = s.trim();
    try {
      if (t.endsWith("ms")) {
        return Double.parseDouble(t.substring(0, t.length() - 2)) / 1000;
      }
      if (t.endsWith("s")) {
        return Double.parseDouble(t.substring(0, t.length() - 1));
      }
    } catch (NumberFormatException e) {
      // fall through
    }
    throw new IllegalArgumentException("'" + s + "' is not a duration like 2s or 500ms");
  }
}
