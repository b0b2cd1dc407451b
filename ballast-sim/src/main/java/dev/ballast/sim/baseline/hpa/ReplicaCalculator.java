package dev.ballast.sim.baseline.hpa;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Kubernetes HPA replica calculation for one metric, restated from kubernetes/kubernetes
 * pkg/controller/podautoscaler/replica_calculator.go (the version with the tolerance dead band,
 * conservative fill-in of missing and unready pods, and "no scale against the direction").
 */
public final class ReplicaCalculator {
  private ReplicaCalculator() {}

  /** The calculator's recommendation and the metric figure it reports (percent or milli-value). */
  public record Result(int desiredReplicas, long reported) {}

  /** The HPA cannot compute a recommendation (no metrics, missing requests). */
  public static final class NoRecommendation extends RuntimeException {
    NoRecommendation(String message) {
      super(message);
    }
  }

  static boolean withinTolerance(double ratio, double tolerance) {
    return (1.0 - tolerance) <= ratio && ratio <= (1.0 + tolerance);
  }

  /** A Utilization target on a pod resource; {@code cpu} turns on the CPU start-up readiness rule. */
  public static Result resourceUtilization(
      int currentReplicas,
      int targetPercent,
      double tolerance,
      List<MetricPod> pods,
      Map<String, Long> extraSamples,
      boolean cpu,
      double cpuInitializationPeriodSeconds) {
    Grouped g = group(pods, extraSamples, cpu, cpuInitializationPeriodSeconds);
    Map<String, MetricPod> byName = byName(pods);
    for (MetricPod p : pods) {
      if (p.requestMilli() == null) {
        throw new NoRecommendation("missing request for " + p.name());
      }
    }
    Utilization first = utilization(g.samples, byName);
    double r = (double) first.percent / targetPercent;
    Map<String, Long> filled = fill(g, r, pods, p -> p.requestMilli() * Math.max(100, targetPercent) / 100);
    int desired;
    if (filled == null) {
      desired = withinTolerance(r, tolerance) ? currentReplicas : (int) Math.ceil(r * g.readyCount);
    } else {
      Utilization second = utilization(filled, byName);
      double r2 = (double) second.percent / targetPercent;
      desired = settle(currentReplicas, tolerance, r, r2, filled.size());
    }
    return new Result(desired, first.percent);
  }

  /** An AverageValue target on a per-pod custom metric; readiness is not consulted. */
  public static Result podsAverageValue(int currentReplicas, long targetAverageMilli, double tolerance, List<MetricPod> pods) {
    Grouped g = group(pods, Map.of(), false, 0);
    Map<String, MetricPod> byName = byName(pods);
    long average = average(g.samples, byName);
    double r = (double) average / targetAverageMilli;
    Map<String, Long> filled = fill(g, r, pods, p -> targetAverageMilli);
    int desired;
    if (filled == null) {
      desired = withinTolerance(r, tolerance) ? currentReplicas : (int) Math.ceil(r * g.readyCount);
    } else {
      double r2 = (double) average(filled, byName) / targetAverageMilli;
      desired = settle(currentReplicas, tolerance, r, r2, filled.size());
    }
    return new Result(desired, average);
  }

  /** A Value target on one object's (or the summed external) metric. */
  public static Result value(int currentReplicas, long valueMilli, long targetMilli, double tolerance, List<MetricPod> pods) {
    double r = (double) valueMilli / targetMilli;
    if (currentReplicas == 0) {
      return new Result((int) Math.ceil(r), valueMilli);
    }
    if (withinTolerance(r, tolerance)) {
      return new Result(currentReplicas, valueMilli);
    }
    long readyRunning = pods.stream().filter(MetricPod::runningAndReady).count();
    return new Result((int) Math.ceil(r * readyRunning), valueMilli);
  }

  /** An AverageValue target on an object's (or the summed external) metric. */
  public static Result averageValue(int currentReplicas, long valueMilli, long targetAverageMilli, double tolerance) {
    double r = (double) valueMilli / ((double) targetAverageMilli * currentReplicas);
    long reported = currentReplicas == 0 ? valueMilli : (long) Math.ceil((double) valueMilli / currentReplicas);
    if (withinTolerance(r, tolerance)) {
      return new Result(currentReplicas, reported);
    }
    return new Result((int) Math.ceil((double) valueMilli / targetAverageMilli), reported);
  }

  // ---- steps shared by the per-pod kinds ----

  private record Grouped(Map<String, Long> samples, int readyCount, Set<String> unready, Set<String> missing) {}

  private static Grouped group(List<MetricPod> pods, Map<String, Long> extra, boolean cpu, double cpuInit) {
    Map<String, Long> samples = new LinkedHashMap<>();
    for (MetricPod p : pods) {
      if (p.valueMilli() != null) {
        samples.put(p.name(), p.valueMilli());
      }
    }
    samples.putAll(extra);
    if (samples.isEmpty()) {
      throw new NoRecommendation("no metrics returned");
    }
    Set<String> unready = new HashSet<>();
    Set<String> missing = new HashSet<>();
    int ready = 0;
    for (MetricPod p : pods) {
      if (p.ignored()) {
        samples.remove(p.name());
      } else if (p.pending()) {
        unready.add(p.name());
      } else if (p.valueMilli() == null) {
        missing.add(p.name());
      } else if (cpu && ((p.startedSecondsAgo() != null && p.startedSecondsAgo() < cpuInit) || !p.ready())) {
        unready.add(p.name());
      } else {
        ready++;
      }
    }
    unready.forEach(samples::remove);
    if (samples.isEmpty()) {
      throw new NoRecommendation("no metrics returned for ready pods");
    }
    return new Grouped(samples, ready, unready, missing);
  }

  /**
   * Fills in missing and unready pods conservatively, or returns null when the plain rule applies
   * (no pod missing, and not a scale-up with unready pods).
   */
  private static Map<String, Long> fill(Grouped g, double r, List<MetricPod> pods, java.util.function.ToLongFunction<MetricPod> atTarget) {
    boolean scaleUpWithUnready = !g.unready.isEmpty() && r > 1;
    if (g.missing.isEmpty() && !scaleUpWithUnready) {
      return null;
    }
    Map<String, Long> filled = new LinkedHashMap<>(g.samples);
    for (MetricPod p : pods) {
      if (g.missing.contains(p.name())) {
        if (r < 1) {
          filled.put(p.name(), atTarget.applyAsLong(p));
        } else if (r > 1) {
          filled.put(p.name(), 0L);
        }
      }
      if (r > 1 && g.unready.contains(p.name())) {
        filled.put(p.name(), 0L);
      }
    }
    return filled;
  }

  private static int settle(int current, double tolerance, double r, double r2, int count) {
    if (withinTolerance(r2, tolerance) || (r < 1 && r2 > 1) || (r > 1 && r2 < 1)) {
      return current;
    }
    int n = (int) Math.ceil(r2 * count);
    if ((r2 < 1 && n > current) || (r2 > 1 && n < current)) {
      return current;
    }
    return n;
  }

  private record Utilization(long percent, long rawAverage) {}

  private static Utilization utilization(Map<String, Long> samples, Map<String, MetricPod> pods) {
    long usage = 0;
    long request = 0;
    int count = 0;
    for (Map.Entry<String, Long> e : samples.entrySet()) {
      MetricPod p = pods.get(e.getKey());
      if (p == null) {
        continue;
      }
      usage += e.getValue();
      request += p.requestMilli();
      count++;
    }
    if (count == 0) {
      throw new NoRecommendation("no metrics for any pod of the target");
    }
    return new Utilization(Math.floorDiv(100 * usage, request), Math.floorDiv(usage, count));
  }

  private static long average(Map<String, Long> samples, Map<String, MetricPod> pods) {
    long sum = 0;
    int count = 0;
    for (Map.Entry<String, Long> e : samples.entrySet()) {
      if (pods.containsKey(e.getKey())) {
        sum += e.getValue();
        count++;
      }
    }
    if (count == 0) {
      throw new NoRecommendation("no metrics for any pod of the target");
    }
    return Math.floorDiv(sum, count);
  }

  private static Map<String, MetricPod> byName(List<MetricPod> pods) {
    Map<String, MetricPod> m = new HashMap<>();
    pods.forEach(p -> m.put(p.name(), p));
    return m;
  }

  /** The full pod classification with explicit times (all in seconds before now). */
  public record ReadyCondition(boolean status, Double lastTransitionSecondsAgo) {}

  public record TimedSample(Double secondsAgo, double windowSeconds) {}

  public record TimedPod(String name, String phase, boolean deleting, Double startedSecondsAgo, ReadyCondition readyCondition, TimedSample sample) {}

  public record Groups(int readyCount, List<String> unready, List<String> missing, List<String> ignored) {}

  /** kubernetes replica_calculator.go groupPods: which pods count as ready, unready, missing or ignored. */
  public static Groups groupPods(List<TimedPod> pods, boolean cpu, double cpuInit, double delayOfInitialReadiness) {
    int ready = 0;
    List<String> unready = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    List<String> ignored = new ArrayList<>();
    for (TimedPod p : pods) {
      if (p.deleting() || "Failed".equals(p.phase())) {
        ignored.add(p.name());
      } else if ("Pending".equals(p.phase())) {
        unready.add(p.name());
      } else if (p.sample() == null) {
        missing.add(p.name());
      } else if (cpu && cpuUnready(p, cpuInit, delayOfInitialReadiness)) {
        unready.add(p.name());
      } else {
        ready++;
      }
    }
    return new Groups(ready, unready, missing, ignored);
  }

  private static boolean cpuUnready(TimedPod p, double cpuInit, double delay) {
    ReadyCondition c = p.readyCondition();
    if (c == null || p.startedSecondsAgo() == null) {
      return true;
    }
    double transition = c.lastTransitionSecondsAgo() == null ? Double.POSITIVE_INFINITY : c.lastTransitionSecondsAgo();
    if (p.startedSecondsAgo() < cpuInit) {
      boolean stale = p.sample().secondsAgo() == null || (transition - p.sample().secondsAgo()) < p.sample().windowSeconds();
      return !c.status() || stale;
    }
    return !c.status() && (p.startedSecondsAgo() - transition) < delay;
  }
}
