package dev.ballast.sim.placement;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The table {@code ballast place} prints: per trace and policy, over seeds. */
public final class PlacementTable {
  private PlacementTable() {}

  /** Mean, standard deviation, min and max of one (trace, policy) over its seeds. */
  public record Summary(String trace, String policy, int seeds, double mean, double sd, double min, double max, double fragPct, double wallMs) {}

  /** The experiments of each (trace, policy), in the order they first appear. */
  private static java.util.Collection<List<PlacementExperiment.Result>> byTraceAndPolicy(List<PlacementExperiment.Result> results) {
    Map<String, List<PlacementExperiment.Result>> groups = new LinkedHashMap<>();
    for (PlacementExperiment.Result r : results) {
      groups.computeIfAbsent(r.trace() + "\u0000" + r.policy(), k -> new java.util.ArrayList<>()).add(r);
    }
    return groups.values();
  }

  public static List<Summary> summarize(List<PlacementExperiment.Result> results) {
    return byTraceAndPolicy(results).stream()
        .map(g -> {
          double mean = g.stream().mapToDouble(PlacementExperiment.Result::unallocatedPct).average().orElse(Double.NaN);
          double var = g.stream().mapToDouble(r -> (r.unallocatedPct() - mean) * (r.unallocatedPct() - mean)).sum() / Math.max(1, g.size() - 1);
          return new Summary(
              g.get(0).trace(), g.get(0).policy(), g.size(), mean, Math.sqrt(var),
              g.stream().mapToDouble(PlacementExperiment.Result::unallocatedPct).min().orElse(Double.NaN),
              g.stream().mapToDouble(PlacementExperiment.Result::unallocatedPct).max().orElse(Double.NaN),
              g.stream().mapToDouble(PlacementExperiment.Result::fragmentationPct).average().orElse(Double.NaN),
              g.stream().mapToLong(PlacementExperiment.Result::wallMs).average().orElse(Double.NaN));
        })
        .toList();
  }

  public static String render(List<Summary> rows, PublishedResults published) {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "%-12s %-15s %5s %13s %15s %10s %10s %9s%n", "trace", "policy", "seeds", "unalloc GPU %", "min - max", "published", "frag %", "wall ms"));
    String last = null;
    for (Summary s : rows) {
      if (last != null && !last.equals(s.trace())) {
        b.append('\n');
      }
      last = s.trace();
      double pub = published.mean(s.trace(), s.policy());
      b.append(
          String.format(
              Locale.ROOT, "%-12s %-15s %5d %7.2f ± %4.2f %7.2f - %5.2f %10s %10.1f %9.0f%n", s.trace(), s.policy(), s.seeds(), s.mean(), s.sd(), s.min(), s.max(),
              Double.isNaN(pub) ? "-" : String.format(Locale.ROOT, "%.2f (%+.2f)", pub, s.mean() - pub), s.fragPct(), s.wallMs()));
    }
    return b.toString();
  }

  /**
   * Where the unallocated GPU is, per trace and policy: the amounts of milli-GPU left on a GPU
   * that hold the most GPU capacity in all, as GPUs per experiment (mean over seeds). A large row
   * at one amount names the pod size that leaves it (190 left is an 810-milli pod alone on its GPU).
   */
  public static String renderLeftovers(List<PlacementExperiment.Result> results, int top) {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "%-12s %-15s %10s %10s %12s %8s%n", "trace", "policy", "milli left", "GPUs", "GPU-equiv", "share"));
    for (List<PlacementExperiment.Result> g : byTraceAndPolicy(results)) {
      Map<Integer, Double> gpus = new java.util.TreeMap<>();
      for (PlacementExperiment.Result r : g) {
        r.leftoverGpus().forEach((milli, count) -> gpus.merge(milli, (double) count / g.size(), Double::sum));
      }
      double total = gpus.entrySet().stream().mapToDouble(e -> e.getKey() * e.getValue() / 1000.0).sum();
      List<Map.Entry<Integer, Double>> rows = gpus.entrySet().stream()
          .sorted((x, y) -> Double.compare(y.getKey() * y.getValue(), x.getKey() * x.getValue())).limit(top).toList();
      for (Map.Entry<Integer, Double> e : rows) {
        double equiv = e.getKey() * e.getValue() / 1000.0;
        b.append(String.format(Locale.ROOT, "%-12s %-15s %10d %10.1f %12.1f %7.1f%%%n", g.get(0).trace(), g.get(0).policy(), e.getKey(), e.getValue(), equiv,
            total == 0 ? 0 : 100 * equiv / total));
      }
      b.append(String.format(Locale.ROOT, "%-12s %-15s %10s %10s %12.1f %8s%n%n", g.get(0).trace(), g.get(0).policy(), "all", "", total, "100%"));
    }
    return b.toString();
  }
}
