package dev.ballast.sim.baseline.kpa;

/**
 * The PodAutoscaler reconciler step that applies a recommendation and owns scale-to-zero, restated
 * from knative/serving pkg/reconciler/autoscaling/kpa/scaler.go: min/max and initial scale, the
 * stable window before a PodAutoscaler goes inactive, the grace period and pod retention before the
 * last pod goes, and the activation timeout.
 */
public final class ScaleToZeroGate {
  private ScaleToZeroGate() {}

  /** Whether the PodAutoscaler is active (True), inactive (False) or activating (Unknown). */
  public enum Activity {
    ACTIVE,
    INACTIVE,
    ACTIVATING
  }

  public enum Reachability {
    REACHABLE,
    UNREACHABLE,
    UNKNOWN
  }

  public enum ProbeResult {
    SUCCESS,
    FAILURE,
    ERROR
  }

  /** Cluster-wide autoscaler settings (config-autoscaler), with 0 maxScale meaning unbounded. */
  public record Config(
      boolean enableScaleToZero,
      double stableWindowSeconds,
      double scaleToZeroGracePeriodSeconds,
      double scaleToZeroPodRetentionPeriodSeconds,
      double progressDeadlineSeconds,
      double activationTimeoutBufferSeconds,
      double targetBurstCapacity,
      int minScale,
      int maxScale,
      int initialScale,
      boolean allowZeroInitialScale) {}

  /** Per-revision annotation overrides; null means unset. */
  public record Annotations(
      Integer minScale,
      Integer maxScale,
      Double windowSeconds,
      Double scaleToZeroPodRetentionSeconds,
      Double targetBurstCapacity,
      Integer initialScale,
      Double progressDeadlineSeconds) {
    public static final Annotations NONE = new Annotations(null, null, null, null, null, null, null);
  }

  /** What the gate sees of the revision. The probe is asked lazily, at most once. */
  public record Input(
      Config config,
      Annotations annotations,
      Reachability reachability,
      Activity activity,
      double inStateForSeconds,
      boolean scaleTargetInitialized,
      double proxyForSeconds,
      java.util.function.Supplier<ProbeResult> activatorProbe,
      int currentReplicas,
      int desiredScale) {}

  /**
   * @param returnedScale the scale decided (-1: none)
   * @param write whether the deployment is set to it (only done when it differs from current)
   * @param markInactive the PodAutoscaler goes inactive now (the step before the last pod goes)
   */
  public record Outcome(int returnedScale, boolean write, boolean requeue, boolean asyncProbeStarted, boolean markInactive) {
    public Integer patchedReplicas(int currentReplicas) {
      return write && returnedScale != currentReplicas ? returnedScale : null;
    }
  }

  public static Outcome decide(Input in) {
    Config c = in.config();
    Annotations a = in.annotations();
    if (in.desiredScale() < 0 && in.activity() != Activity.ACTIVATING) {
      return new Outcome(in.desiredScale(), false, false, false, false);
    }
    boolean unreachable = in.reachability() == Reachability.UNREACHABLE;
    int min = unreachable ? 0 : (a.minScale() != null ? a.minScale() : c.minScale());
    int max = a.maxScale() != null ? a.maxScale() : c.maxScale();
    int initial = c.initialScale();
    if (a.initialScale() != null && (a.initialScale() != 0 || c.allowZeroInitialScale())) {
      initial = a.initialScale();
    }
    if (initial > 1 && !in.scaleTargetInitialized() && !unreachable) {
      min = Math.max(min, initial);
    }
    int x = in.desiredScale();
    if (x < min) {
      x = min;
    }
    if (max != 0 && x > max) {
      x = max;
    }
    if (x != 0) {
      return new Outcome(x, true, false, false, false);
    }
    if (!c.enableScaleToZero()) {
      return new Outcome(1, true, false, false, false);
    }
    double t = in.inStateForSeconds();
    switch (in.activity()) {
      case ACTIVATING -> {
        double deadline = a.progressDeadlineSeconds() != null ? a.progressDeadlineSeconds() : c.progressDeadlineSeconds();
        double timeout = deadline + c.activationTimeoutBufferSeconds();
        return t > timeout ? new Outcome(0, true, false, false, false) : new Outcome(-1, false, true, false, false);
      }
      case ACTIVE -> {
        double window = a.windowSeconds() != null ? a.windowSeconds() : c.stableWindowSeconds();
        return t >= window ? new Outcome(0, false, false, false, true) : new Outcome(1, true, true, false, false);
      }
      default -> {
        double tbc = a.targetBurstCapacity() != null ? a.targetBurstCapacity() : c.targetBurstCapacity();
        if (tbc != -1 && in.activatorProbe().get() != ProbeResult.SUCCESS) {
          return new Outcome(0, false, false, true, false);
        }
        double retention =
            unreachable ? 0 : a.scaleToZeroPodRetentionSeconds() != null ? a.scaleToZeroPodRetentionSeconds() : c.scaleToZeroPodRetentionPeriodSeconds();
        double grace = c.scaleToZeroGracePeriodSeconds();
        if (t >= Math.max(grace, retention)) {
          return new Outcome(0, true, false, false, false);
        }
        if (retention > 0 && t < retention) {
          return new Outcome(0, false, true, false, false);
        }
        if (grace - in.proxyForSeconds() <= 0) {
          return new Outcome(0, true, false, false, false);
        }
        return new Outcome(0, false, true, false, false);
      }
    }
  }
}
