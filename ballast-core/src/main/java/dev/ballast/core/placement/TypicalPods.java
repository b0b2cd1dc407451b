package dev.ballast.core.placement;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The workload's typical pods: its most frequent shapes, most frequent first, until they cover
 * {@code coverage} of all pods, with their shares renormalized over that set (the FGD paper's
 * target workload, Weng et al., USENIX ATC'23, §4).
 */
public record TypicalPods(List<Entry> entries) {
  public record Entry(PodShape shape, double share) {}

  public static TypicalPods of(List<PodShape> workload, double coverage) {
    return of(workload, coverage, 0);
  }

  /**
   * As above, with each whole-GPU pod counted {@code 1 + gpus × gpuWeight} times (the FGD
   * simulator's {@code gpuResWeight}): weight 0 counts pods, larger weights count GPU demand.
   */
  public static TypicalPods of(List<PodShape> workload, double coverage, double gpuWeight) {
    Map<PodShape, Double> counts = new LinkedHashMap<>();
    for (PodShape p : workload) {
      double w = gpuWeight > 0 && p.gpuCount() > 0 && !p.sharesGpu() ? 1 + p.gpuCount() * gpuWeight : 1;
      counts.merge(key(p), w, Double::sum);
    }
    List<Map.Entry<PodShape, Double>> sorted = new ArrayList<>(counts.entrySet());
    // most frequent first; ties in a fixed order (CPU, GPU milli, GPU count, type), largest first
    sorted.sort(
        Comparator.<Map.Entry<PodShape, Double>>comparingDouble(Map.Entry::getValue)
            .thenComparingLong(e -> e.getKey().cpuMilli())
            .thenComparingInt(e -> e.getKey().gpuMilli())
            .thenComparingInt(e -> e.getKey().gpuCount())
            .thenComparing(e -> e.getKey().gpuSpec())
            .reversed());
    double total = counts.values().stream().mapToDouble(Double::doubleValue).sum();
    double target = coverage * total;
    List<Map.Entry<PodShape, Double>> chosen = new ArrayList<>();
    double cum = 0;
    for (Map.Entry<PodShape, Double> e : sorted) {
      if (cum >= target && !chosen.isEmpty()) {
        break;
      }
      chosen.add(e);
      cum += e.getValue();
    }
    List<Entry> out = new ArrayList<>();
    for (Map.Entry<PodShape, Double> e : chosen) {
      out.add(new Entry(e.getKey(), e.getValue() / cum));
    }
    return new TypicalPods(List.copyOf(out));
  }

  /** A pod's shape as the workload distribution counts it: CPU, GPU share and count, type constraint. */
  static PodShape key(PodShape p) {
    return new PodShape("", p.cpuMilli(), 0, p.gpuCount(), p.gpuMilli(), p.gpuSpec());
  }
}
