package dev.ballast.sim.baseline.fixed;

import dev.ballast.core.config.Setting;
import java.time.Duration;
import java.util.List;

/** Settings of the static-peak baseline. */
public final class StaticPeakSettings {
  private StaticPeakSettings() {}

  public static final Setting<Double> UTILIZATION_PERCENT =
      Setting.number(
          "staticPeak.utilizationPercent",
          70,
          1,
          200,
          "Static capacity carries the trace's peak minute at this percent of replica saturation. Its main knob.");

  public static final Setting<Duration> PEAK_WINDOW =
      Setting.duration(
          "staticPeak.peakWindow", Duration.ofSeconds(60), Duration.ofSeconds(1), Duration.ofHours(1), "Window over which the peak demand is measured.");

  public static List<Setting<?>> all() {
    return List.of(UTILIZATION_PERCENT, PEAK_WINDOW);
  }
}
