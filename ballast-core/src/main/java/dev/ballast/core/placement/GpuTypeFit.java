package dev.ballast.core.placement;

import java.util.Map;

/**
 * How well a pod's work suits a GPU type, from 0 (no better than the worst allowed type) to 1 (the
 * best): effective throughput per price for its workload class, so that a job that runs ten times
 * faster on an H100 than on a T4 goes there while one that barely speeds up takes the cheap card.
 * Pods without a known class, or GPU types without a profile, are neutral (0).
 */
@FunctionalInterface
public interface GpuTypeFit {
  GpuTypeFit NONE = (pod, gpuType) -> 0;

  double value(PodShape pod, String gpuType);

  /**
   * From a stated preference, most preferred first: the first type is worth 1, the next ones less
   * in equal steps, a type not listed 0. An empty list is neutral.
   */
  static GpuTypeFit preference(java.util.List<String> mostPreferredFirst) {
    int n = mostPreferredFirst.size();
    return (pod, gpuType) -> {
      int i = mostPreferredFirst.indexOf(gpuType);
      return i < 0 ? 0 : (double) (n - i) / n;
    };
  }

  /**
   * From measured throughput per (workload class, GPU type), e.g. Gavel's matrix, and prices per
   * GPU-hour; {@code classOf} says which class a pod belongs to (null: unknown).
   */
  static GpuTypeFit throughputPerCost(
      Map<String, Map<String, Double>> throughput, Map<String, Double> pricePerGpuHour, java.util.function.Function<PodShape, String> classOf) {
    return (pod, gpuType) -> {
      String cls = classOf.apply(pod);
      Map<String, Double> perType = cls == null ? null : throughput.get(cls);
      if (perType == null || !perType.containsKey(gpuType) || !pricePerGpuHour.containsKey(gpuType)) {
        return 0;
      }
      double best = 0;
      double worst = Double.POSITIVE_INFINITY;
      for (Map.Entry<String, Double> e : perType.entrySet()) {
        Double price = pricePerGpuHour.get(e.getKey());
        if (price != null && price > 0 && pod.allows(e.getKey())) {
          double v = e.getValue() / price;
          best = Math.max(best, v);
          worst = Math.min(worst, v);
        }
      }
      double v = perType.get(gpuType) / pricePerGpuHour.get(gpuType);
      return best > worst ? (v - worst) / (best - worst) : 0;
    };
  }
}
