package dev.ballast.sim.baseline.kpa;

import dev.ballast.core.config.Setting;
import java.time.Duration;
import java.util.List;

/** Settings of the Knative KPA baseline (knative/serving config/core/configmaps/autoscaler.yaml defaults). */
public final class KpaSettings {
  private KpaSettings() {}

  public static final Setting<Double> TARGET_CONCURRENCY =
      Setting.number(
          "kpa.targetConcurrency",
          100,
          1,
          100_000,
          "Concurrent requests per pod to aim for (container-concurrency-target-default). The KPA baseline's main knob.");

  public static final Setting<Double> TARGET_UTILIZATION_PERCENT =
      Setting.number(
          "kpa.targetUtilizationPercent", 70, 1, 100, "Share of the concurrency target used as the scaling target.");

  public static final Setting<Duration> STABLE_WINDOW =
      Setting.duration(
          "kpa.stableWindow", Duration.ofSeconds(60), Duration.ofSeconds(6), Duration.ofHours(1), "Stable window.");

  public static final Setting<Double> PANIC_WINDOW_PERCENT =
      Setting.number("kpa.panicWindowPercent", 10, 1, 100, "Panic window as a percent of the stable window.");

  public static final Setting<Double> PANIC_THRESHOLD_PERCENT =
      Setting.number("kpa.panicThresholdPercent", 200, 110, 1000, "Panic when the panic window needs this percent of ready pods.");

  public static final Setting<Double> MAX_SCALE_UP_RATE =
      Setting.number("kpa.maxScaleUpRate", 1000, 1.001, 1e6, "Largest scale-up factor per decision.");

  public static final Setting<Double> MAX_SCALE_DOWN_RATE =
      Setting.number("kpa.maxScaleDownRate", 2, 1.001, 1e6, "Largest scale-down factor per decision.");

  public static final Setting<Double> TARGET_BURST_CAPACITY =
      Setting.number("kpa.targetBurstCapacity", 200, -1, 1e6, "Spare capacity kept behind the activator (-1 unlimited).");

  public static final Setting<Duration> GRACE_PERIOD =
      Setting.duration(
          "kpa.scaleToZeroGracePeriod", Duration.ofSeconds(30), Duration.ZERO, Duration.ofHours(1), "Grace before the last pod goes.");

  public static final Setting<Duration> TICK =
      Setting.duration("kpa.tickInterval", Duration.ofSeconds(2), Duration.ofMillis(500), Duration.ofMinutes(1), "Decider tick.");

  public static final Setting<Duration> PROGRESS_DEADLINE =
      Setting.duration(
          "kpa.progressDeadline", Duration.ofSeconds(600), Duration.ofSeconds(1), Duration.ofHours(2), "Activation timeout base.");

  public static List<Setting<?>> all() {
    return List.of(
        TARGET_CONCURRENCY,
        TARGET_UTILIZATION_PERCENT,
        STABLE_WINDOW,
        PANIC_WINDOW_PERCENT,
        PANIC_THRESHOLD_PERCENT,
        MAX_SCALE_UP_RATE,
        MAX_SCALE_DOWN_RATE,
        TARGET_BURST_CAPACITY,
        GRACE_PERIOD,
        TICK,
        PROGRESS_DEADLINE);
  }
}
