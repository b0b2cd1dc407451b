package dev.ballast.sim.report;

import java.util.List;
import java.util.Locale;

/** The frontier summary {@code ballast simulate} prints after its table: cost at set attainments. */
public final class FrontierTable {
  public static final List<Double> ATTAINMENTS = List.of(0.95, 0.99);

  private FrontierTable() {}

  public static String render(Frontier f, double boundUsd) {
    StringBuilder sb = new StringBuilder("\ncost-SLO frontier (cost interpolated on each family's Pareto front):\n");
    sb.append(String.format(Locale.ROOT, "%-22s", "family"));
    for (double a : ATTAINMENTS) {
      sb.append(String.format(Locale.ROOT, " %22s", "cost at " + pct(a)));
    }
    sb.append('\n');
    for (String family : f.families().keySet()) {
      sb.append(String.format(Locale.ROOT, "%-22s", family));
      for (double a : ATTAINMENTS) {
        Frontier.CostAt c = f.costAt(family, a);
        String cell =
            c.reached()
                ? String.format(Locale.ROOT, "$%.2f (%.2fx)", c.costUsd(), c.costUsd() / boundUsd)
                : String.format(Locale.ROOT, "max %s: $%.2f", pct(c.attainedInstead()), c.costUsd());
        sb.append(String.format(Locale.ROOT, " %22s", cell));
      }
      sb.append('\n');
    }
    for (double a : ATTAINMENTS) {
      Comparison cmp = compare(f, a);
      if (cmp != null) {
        sb.append(String.format(Locale.ROOT, "at %s: %s%n", pct(a), cmp.text()));
      }
      for (String family : f.families().keySet()) {
        String against = againstForesight(f, family, a);
        if (against != null) {
          sb.append(String.format(Locale.ROOT, "at %s: %s%n", pct(a), against));
        }
      }
    }
    return sb.toString();
  }

  /** The family that is given the trace's peak before the run: reported beside the autoscalers, never as one of them. */
  static final String STATIC_PEAK = "static-peak";

  /** The clairvoyant reference reads the whole trace ahead, window by window (with any node autoscaler). */
  static final String CLAIRVOYANT = "clairvoyant";

  /** Whether a family reads the trace before the run, so that it is no autoscaler. */
  static boolean knowsTheTrace(String family) {
    return family.equals(STATIC_PEAK) || family.equals(CLAIRVOYANT) || family.startsWith(CLAIRVOYANT + "+");
  }

  private static boolean isAutoscaler(String family) {
    return !family.startsWith("ballast") && !knowsTheTrace(family);
  }

  /** Ballast against a family that knows the trace, where both reach the attainment; null otherwise. */
  static String againstForesight(Frontier f, String family, double a) {
    if (!knowsTheTrace(family) || !f.families().containsKey("ballast")) {
      return null;
    }
    Frontier.CostAt ours = f.costAt("ballast", a);
    Frontier.CostAt known = f.costAt(family, a);
    if (!ours.reached() || !known.reached()) {
      return null;
    }
    String given = family.equals(STATIC_PEAK) ? "which is given the trace's peak before the run" : "which reads the whole trace ahead";
    return String.format(Locale.ROOT, "ballast $%.2f = %.2fx %s ($%.2f), %s", ours.costUsd(), ours.costUsd() / known.costUsd(), family, known.costUsd(), given);
  }

  /**
   * Ballast against the cheapest autoscaling baseline family that reaches the attainment, or, if
   * none does, against the one reaching highest, at that baseline's highest attainment too.
   */
  public record Comparison(double attainment, String ballast, double ballastCost, String baseline, double baselineCost, boolean baselineReached, String text) {}

  public static Comparison compare(Frontier f, double a) {
    Frontier.CostAt ours = null;
    Frontier.CostAt best = null;
    Frontier.CostAt highest = null;
    for (String family : f.families().keySet()) {
      Frontier.CostAt c = f.costAt(family, a);
      if (family.equals("ballast")) {
        ours = c;
      } else if (isAutoscaler(family)) {
        if (c.reached() && (best == null || c.costUsd() < best.costUsd())) {
          best = c;
        }
        if (!c.reached() && (highest == null || c.attainedInstead() > highest.attainedInstead())) {
          highest = c;
        }
      }
    }
    if (ours == null || !ours.reached()) {
      return null;
    }
    if (best != null) {
      return new Comparison(
          a, "ballast", ours.costUsd(), best.family(), best.costUsd(), true,
          String.format(Locale.ROOT, "ballast $%.2f = %.2fx the cheapest autoscaler reaching it (%s, $%.2f)", ours.costUsd(), ours.costUsd() / best.costUsd(), best.family(), best.costUsd()));
    }
    if (highest != null) {
      // compared where that baseline stops: Ballast's cost at the same attainment, on its own front
      Frontier.CostAt there = f.costAt("ballast", highest.attainedInstead());
      String same = there.reached()
          ? String.format(Locale.ROOT, "; at %s ballast costs $%.2f = %.2fx", pct(highest.attainedInstead()), there.costUsd(), there.costUsd() / highest.costUsd())
          : "";
      return new Comparison(
          a, "ballast", ours.costUsd(), highest.family(), highest.costUsd(), false,
          String.format(Locale.ROOT, "ballast $%.2f; no autoscaler reaches it (highest: %s at %s for $%.2f)%s", ours.costUsd(), highest.family(), pct(highest.attainedInstead()), highest.costUsd(), same));
    }
    return null;
  }

  static String pct(double a) {
    return String.format(Locale.ROOT, "%.1f%%", a * 100);
  }
}
