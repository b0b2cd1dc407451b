package dev.ballast.sim.report;

import dev.ballast.sim.run.RunResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cost–SLO frontier of each contender family (a name before its {@code @knob}): the Pareto
 * front of (attainment, cost) over its knob settings, and its cost at a given attainment by
 * linear interpolation between the front's points.
 */
public final class Frontier {
  /** One point of a family's sweep. */
  public record Point(String name, double attainment, double costUsd) {}

  /**
   * A family's cost at an attainment: interpolated on its front, or, where the family never
   * reaches it, its cost at the highest attainment it does reach ({@code reached} false).
   */
  public record CostAt(String family, double attainment, double costUsd, boolean reached, double attainedInstead) {}

  private final Map<String, List<Point>> families = new LinkedHashMap<>();

  public static Frontier of(List<RunResult> runs) {
    Frontier f = new Frontier();
    for (RunResult r : runs) {
      f.families.computeIfAbsent(family(r.policy()), k -> new ArrayList<>()).add(new Point(r.policy(), r.sloAttainment(), r.costUsd()));
    }
    return f;
  }

  /** From points already measured (their names carry the family before {@code @}). */
  public static Frontier ofPoints(List<Point> points) {
    Frontier f = new Frontier();
    for (Point p : points) {
      f.families.computeIfAbsent(family(p.name()), k -> new ArrayList<>()).add(p);
    }
    return f;
  }

  public static String family(String policy) {
    int at = policy.indexOf('@');
    return at < 0 ? policy : policy.substring(0, at);
  }

  public Map<String, List<Point>> families() {
    return families;
  }

  /** The Pareto front: no other point is both cheaper and at least as good; sorted by attainment. */
  public List<Point> front(String family) {
    List<Point> points = new ArrayList<>(families.getOrDefault(family, List.of()));
    points.sort(Comparator.comparingDouble(Point::attainment).thenComparingDouble(Point::costUsd));
    List<Point> front = new ArrayList<>();
    for (int i = points.size() - 1; i >= 0; i--) {
      Point p = points.get(i);
      if (front.isEmpty() || p.costUsd() < front.get(front.size() - 1).costUsd()) {
        front.add(p);
      }
    }
    java.util.Collections.reverse(front);
    return front;
  }

  public CostAt costAt(String family, double attainment) {
    List<Point> front = front(family);
    if (front.isEmpty()) {
      return new CostAt(family, attainment, Double.NaN, false, Double.NaN);
    }
    Point best = front.get(front.size() - 1);
    if (best.attainment() < attainment) {
      return new CostAt(family, attainment, best.costUsd(), false, best.attainment());
    }
    if (front.get(0).attainment() >= attainment) {
      return new CostAt(family, attainment, front.get(0).costUsd(), true, attainment);
    }
    for (int i = 1; i < front.size(); i++) {
      Point hi = front.get(i);
      if (hi.attainment() >= attainment) {
        Point lo = front.get(i - 1);
        double w = (attainment - lo.attainment()) / (hi.attainment() - lo.attainment());
        return new CostAt(family, attainment, lo.costUsd() + w * (hi.costUsd() - lo.costUsd()), true, attainment);
      }
    }
    return new CostAt(family, attainment, best.costUsd(), true, attainment);
  }
}
