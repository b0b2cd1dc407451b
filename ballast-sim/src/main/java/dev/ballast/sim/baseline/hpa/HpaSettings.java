package dev.ballast.sim.baseline.hpa;

import dev.ballast.core.config.Setting;
import java.time.Duration;
import java.util.List;

/** Settings of the HPA baseline (kubernetes.io "Horizontal Pod Autoscaling" defaults). */
public final class HpaSettings {
  private HpaSettings() {}

  public static final Setting<Double> TARGET_PERCENT =
      Setting.number(
          "hpa.targetPercent",
          70,
          1,
          1000,
          "Target in-flight requests (vLLM running + waiting) per pod, as a percent of the replica's batch limit."
              + " The HPA and KEDA baselines' main knob.");

  public static final Setting<Duration> SYNC_PERIOD =
      Setting.duration(
          "hpa.syncPeriod",
          Duration.ofSeconds(15),
          Duration.ofSeconds(1),
          Duration.ofMinutes(10),
          "How often the HPA controller reconciles (--horizontal-pod-autoscaler-sync-period).");

  public static final Setting<Double> TOLERANCE =
      Setting.number("hpa.tolerance", 0.1, 0, 1, "Dead band around a ratio of 1.0 within which the HPA does not scale.");

  public static List<Setting<?>> all() {
    return List.of(TARGET_PERCENT, SYNC_PERIOD, TOLERANCE);
  }
}
