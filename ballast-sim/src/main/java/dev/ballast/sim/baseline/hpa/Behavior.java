package dev.ballast.sim.baseline.hpa;

import java.util.ArrayList;
import java.util.List;

/**
 * The HPA normalization stage, restated from kubernetes/kubernetes
 * pkg/controller/podautoscaler/horizontal.go: stabilization over stored recommendations, then rate
 * limits from recent scale events and the min/max bounds. All ages are seconds before now; an item
 * is inside a window {@code w} iff its age is below {@code w}.
 */
public final class Behavior {
  private Behavior() {}

  public static final int DEFAULT_DOWNSCALE_WINDOW_SECONDS = 300;

  /** A stored recommendation and how long ago it was made. */
  public record Recommendation(int replicas, double ageSeconds) {}

  /** A past scale event (replicas added or removed) and whether it has aged out. */
  public record ScaleEvent(int replicaChange, double ageSeconds, boolean outdated) {}

  public record Stabilized(int replicas, List<Integer> recommendationsAfter) {}

  public record Limited(int replicas, String reason) {}

  /** [stabilize] The lowest of the up window, the highest of the down window; then store desired. */
  public static Stabilized stabilize(
      int current, int desired, int upWindowSeconds, int downWindowSeconds, List<Recommendation> stored) {
    int upRec = desired;
    int downRec = desired;
    for (Recommendation r : stored) {
      if (r.ageSeconds() < upWindowSeconds) {
        upRec = Math.min(upRec, r.replicas());
      }
      if (r.ageSeconds() < downWindowSeconds) {
        downRec = Math.max(downRec, r.replicas());
      }
    }
    int result = Math.min(Math.max(current, upRec), downRec);
    List<Integer> after = new ArrayList<>(stored.stream().map(Recommendation::replicas).toList());
    int reuse = -1;
    for (int i = 0; i < stored.size(); i++) {
      Recommendation r = stored.get(i);
      if (r.ageSeconds() > upWindowSeconds && r.ageSeconds() > downWindowSeconds) {
        reuse = i;
      }
    }
    if (reuse >= 0) {
      after.set(reuse, desired);
    } else {
      after.add(desired);
    }
    return new Stabilized(result, after);
  }

  /** [stabilize-legacy] With no behavior: the highest recommendation within the down window. */
  public static Stabilized stabilizeLegacy(int desired, int windowSeconds, List<Recommendation> stored) {
    int result = desired;
    int reuse = -1;
    for (int i = 0; i < stored.size(); i++) {
      Recommendation r = stored.get(i);
      if (r.ageSeconds() <= windowSeconds) {
        result = Math.max(result, r.replicas());
      } else {
        reuse = i;
      }
    }
    List<Integer> after = new ArrayList<>(stored.stream().map(Recommendation::replicas).toList());
    if (reuse >= 0) {
      after.set(reuse, desired);
    } else {
      after.add(desired);
    }
    return new Stabilized(result, after);
  }

  /** [bounds-legacy] With no behavior: at most max(2 × current, 4), within [min, max]. */
  public static Limited boundsLegacy(int current, int desired, int min, int max) {
    int upLimit = Math.max(2 * current, 4);
    int ceiling;
    String ceilingReason;
    if (max > upLimit) {
      ceiling = upLimit;
      ceilingReason = "ScaleUpLimit";
    } else {
      ceiling = max;
      ceilingReason = "TooManyReplicas";
    }
    if (desired < min) {
      return new Limited(min, "TooFewReplicas");
    }
    if (desired > ceiling) {
      return new Limited(ceiling, ceilingReason);
    }
    return new Limited(desired, "DesiredWithinRange");
  }

  private static int periodStart(int current, int periodSeconds, List<ScaleEvent> up, List<ScaleEvent> down) {
    return current - changeWithin(up, periodSeconds) + changeWithin(down, periodSeconds);
  }

  static int changeWithin(List<ScaleEvent> events, double periodSeconds) {
    int sum = 0;
    for (ScaleEvent e : events) {
      if (e.ageSeconds() < periodSeconds) {
        sum += e.replicaChange();
      }
    }
    return sum;
  }

  /** [policy-limit] The most replicas a scale-up may reach now. */
  public static int scaleUpLimit(int current, ScalingRules rules, List<ScaleEvent> up, List<ScaleEvent> down) {
    if (rules.select() == ScalingRules.Select.DISABLED) {
      return current;
    }
    boolean max = rules.select() == ScalingRules.Select.MAX;
    int limit = max ? Integer.MIN_VALUE : Integer.MAX_VALUE;
    for (ScalingRules.RatePolicy p : rules.policies()) {
      int start = periodStart(current, p.periodSeconds(), up, down);
      int proposed =
          p.type() == ScalingRules.PolicyType.PODS
              ? start + p.value()
              : (int) Math.ceil(start * (1 + p.value() / 100.0));
      limit = max ? Math.max(limit, proposed) : Math.min(limit, proposed);
    }
    return limit;
  }

  /** [policy-limit] The fewest replicas a scale-down may reach now. */
  public static int scaleDownLimit(int current, ScalingRules rules, List<ScaleEvent> up, List<ScaleEvent> down) {
    if (rules.select() == ScalingRules.Select.DISABLED) {
      return current;
    }
    boolean max = rules.select() == ScalingRules.Select.MAX;
    int limit = max ? Integer.MAX_VALUE : Integer.MIN_VALUE;
    for (ScalingRules.RatePolicy p : rules.policies()) {
      int start = periodStart(current, p.periodSeconds(), up, down);
      int proposed =
          p.type() == ScalingRules.PolicyType.PODS
              ? start - p.value()
              : (int) (start * (1 - p.value() / 100.0));
      limit = max ? Math.min(limit, proposed) : Math.max(limit, proposed);
    }
    return limit;
  }

  /** [rate-limit] The stabilized recommendation after rate policies and bounds. */
  public static Limited rateLimit(
      int current,
      int desired,
      int min,
      int max,
      ScalingRules upRules,
      ScalingRules downRules,
      List<ScaleEvent> up,
      List<ScaleEvent> down) {
    if (desired > current) {
      int limit = Math.max(current, scaleUpLimit(current, upRules, up, down));
      int bound;
      String reason;
      if (max > limit) {
        bound = limit;
        reason = "ScaleUpLimit";
      } else {
        bound = max;
        reason = "TooManyReplicas";
      }
      if (desired > bound) {
        return new Limited(bound, reason);
      }
    } else if (desired < current) {
      int limit = Math.min(current, scaleDownLimit(current, downRules, up, down));
      int bound;
      String reason;
      if (min < limit) {
        bound = limit;
        reason = "ScaleDownLimit";
      } else {
        bound = min;
        reason = "TooFewReplicas";
      }
      if (desired < bound) {
        return new Limited(bound, reason);
      }
    }
    return new Limited(desired, "DesiredWithinRange");
  }

  public record Stored(int replicaChangeInPeriodBefore, List<ScaleEvent> eventsAfter) {}

  /** [event-store] Records a scale event, reusing the slot of one that aged out of every policy. */
  public static Stored storeEvent(ScalingRules rules, List<ScaleEvent> previous, int newChange, double queryPeriodSeconds) {
    int before = changeWithin(previous, queryPeriodSeconds);
    if (rules == null) {
      return new Stored(before, List.copyOf(previous));
    }
    int longest = rules.longestPeriodSeconds();
    List<ScaleEvent> after = new ArrayList<>();
    int reuse = -1;
    for (int i = 0; i < previous.size(); i++) {
      ScaleEvent e = previous.get(i);
      boolean outdated = e.outdated() || e.ageSeconds() > longest;
      after.add(new ScaleEvent(e.replicaChange(), e.ageSeconds(), outdated));
      if (outdated) {
        reuse = i;
      }
    }
    ScaleEvent fresh = new ScaleEvent(newChange, 0, false);
    if (reuse >= 0) {
      after.set(reuse, fresh);
    } else {
      after.add(fresh);
    }
    return new Stored(before, after);
  }
}
