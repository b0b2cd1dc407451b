package dev.ballast.sim.baseline.kpa;

import java.util.TreeMap;

/**
 * Knative's per-revision autoscaler decision (knative/serving pkg/autoscaler/scaling/autoscaler.go
 * Scale): stable and panic windows, rate limits, panic that never scales down, the scale-down
 * delay window (pkg/autoscaler/aggregation/max) and excess burst capacity.
 */
public final class Decider {
  private static final double BUCKET_SECONDS = 2;

  private DeciderSpec spec;
  private double panicStart = Double.NaN;
  private int maxPanicPods;
  private final TreeMap<Long, Integer> delayBuckets = new TreeMap<>();

  /** A recommendation, or an invalid tick when metrics or the pod count could not be read. */
  public record Recommendation(
      int desiredPodCount, long excessBurstCapacity, boolean scaleValid, boolean panicking, double panicSinceSeconds) {}

  /** Creates a decider; above one ready pod it starts panicking (as upstream does on creation). */
  public Decider(DeciderSpec spec, int initialReadyPods, double createdAtSeconds) {
    this.spec = spec;
    this.maxPanicPods = Math.max(0, initialReadyPods);
    if (initialReadyPods > 1) {
      panicStart = createdAtSeconds;
    }
  }

  public void update(DeciderSpec newSpec) {
    this.spec = newSpec;
  }

  /** Overrides the panic state (tests restore a recorded state). */
  public void restore(Double panicSinceSeconds, int maxPanic) {
    this.panicStart = panicSinceSeconds == null ? Double.NaN : panicSinceSeconds;
    this.maxPanicPods = maxPanic;
  }

  public boolean panicking() {
    return !Double.isNaN(panicStart);
  }

  public int maxPanicPods() {
    return maxPanicPods;
  }

  /** Skips a tick whose inputs could not be read. */
  public Recommendation invalid() {
    return new Recommendation(0, 0, false, panicking(), panicStart);
  }

  public Recommendation tick(double now, int readyPods, double observedStable, double observedPanic) {
    double r = Math.max(1, readyPods);
    int upCap = (int) Math.ceil(spec.maxScaleUpRate() * r);
    int downFloor = spec.reachable() ? (int) Math.floor(r / spec.maxScaleDownRate()) : 0;
    int ds = (int) Math.ceil(observedStable / spec.targetValue());
    int dp = (int) Math.ceil(observedPanic / spec.targetValue());
    int stable = Math.min(Math.max(ds, downFloor), upCap);
    int panic = Math.min(Math.max(dp, downFloor), upCap);
    if (spec.activationScale() > 1) {
      if (ds > 0) {
        stable = Math.max(stable, spec.activationScale());
      }
      if (dp > 0) {
        panic = Math.max(panic, spec.activationScale());
      }
    }
    boolean over = dp / r >= spec.panicThreshold();
    if (over) {
      panicStart = now;
    } else if (panicking() && panicStart + spec.stableWindowSeconds() < now) {
      panicStart = Double.NaN;
      maxPanicPods = 0;
    }
    int desired;
    if (panicking()) {
      maxPanicPods = Math.max(maxPanicPods, Math.max(stable, panic));
      desired = maxPanicPods;
    } else {
      desired = stable;
    }
    if (spec.reachable() && spec.scaleDownDelaySeconds() > 0) {
      desired = delayed(now, desired);
    }
    long ebc;
    if (spec.targetBurstCapacity() == 0) {
      ebc = 0;
    } else if (spec.targetBurstCapacity() > 0) {
      ebc = (long) Math.floor(readyPods * spec.totalValue() - spec.targetBurstCapacity() - observedPanic);
    } else {
      ebc = -1;
    }
    return new Recommendation(desired, ebc, true, panicking(), panicStart);
  }

  /** The highest recommendation recorded in the delay window, in 2 s buckets. */
  private int delayed(double now, int desired) {
    long bucket = (long) Math.floor(now / BUCKET_SECONDS);
    long keep = (long) Math.ceil(spec.scaleDownDelaySeconds() / BUCKET_SECONDS);
    delayBuckets.merge(bucket, desired, Math::max);
    delayBuckets.headMap(bucket - keep + 1).clear();
    int max = 0;
    for (int v : delayBuckets.values()) {
      max = Math.max(max, v);
    }
    return max;
  }
}
