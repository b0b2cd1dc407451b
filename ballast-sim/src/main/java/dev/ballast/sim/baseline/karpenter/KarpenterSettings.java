package dev.ballast.sim.baseline.karpenter;

import dev.ballast.core.config.Setting;
import java.time.Duration;
import java.util.List;

/** Settings of the Karpenter baseline (kubernetes-sigs/karpenter pkg/apis/v1/nodepool.go and settings defaults). */
public final class KarpenterSettings {
  private KarpenterSettings() {}

  public static final Setting<Duration> BATCH_IDLE =
      Setting.duration(
          "karpenter.batchIdleDuration", Duration.ofSeconds(1), Duration.ofMillis(100), Duration.ofMinutes(1), "A batch of pending pods closes after this long without a new one.");

  public static final Setting<Duration> BATCH_MAX =
      Setting.duration(
          "karpenter.batchMaxDuration", Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofMinutes(5), "A batch of pending pods closes at the latest after this long.");

  public static final Setting<Duration> CONSOLIDATE_AFTER =
      Setting.duration(
          "karpenter.consolidateAfter", Duration.ZERO, Duration.ZERO, Duration.ofHours(24), "How long a node must be consolidatable before Karpenter disrupts it.");

  public static final Setting<Double> BUDGET_PERCENT =
      Setting.number("karpenter.disruptionBudgetPercent", 10, 0, 100, "Most nodes (percent, rounded up) disrupted at once.");

  public static List<Setting<?>> all() {
    return List.of(BATCH_IDLE, BATCH_MAX, CONSOLIDATE_AFTER, BUDGET_PERCENT);
  }
}
