package dev.ballast.sim.baseline.ca;

import dev.ballast.core.config.Setting;
import java.time.Duration;
import java.util.List;

/** Settings of the Cluster Autoscaler baseline (kubernetes/autoscaler cluster-autoscaler/FAQ.md defaults). */
public final class ClusterAutoscalerSettings {
  private ClusterAutoscalerSettings() {}

  public static final Setting<Duration> SCAN_INTERVAL =
      Setting.duration("ca.scanInterval", Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofMinutes(10), "How often CA looks at the cluster (--scan-interval).");

  public static final Setting<Duration> UNNEEDED_TIME =
      Setting.duration(
          "ca.scaleDownUnneededTime", Duration.ofMinutes(10), Duration.ZERO, Duration.ofHours(24), "How long a node must be unneeded before CA removes it.");

  public static final Setting<Duration> DELAY_AFTER_ADD =
      Setting.duration(
          "ca.scaleDownDelayAfterAdd", Duration.ofMinutes(10), Duration.ZERO, Duration.ofHours(24), "No scale-down this long after a scale-up.");

  public static final Setting<Double> UTILIZATION_THRESHOLD =
      Setting.number(
          "ca.scaleDownUtilizationThreshold", 0.5, 0, 1, "A node below this utilization (GPU share on GPU nodes) is a scale-down candidate.");

  public static List<Setting<?>> all() {
    return List.of(SCAN_INTERVAL, UNNEEDED_TIME, DELAY_AFTER_ADD, UTILIZATION_THRESHOLD);
  }
}
