package dev.ballast.sim.baseline.clairvoyant;

import dev.ballast.core.config.Setting;
import java.time.Duration;
import java.util.List;

/** Settings of the clairvoyant reference. */
public final class ClairvoyantSettings {
  private ClairvoyantSettings() {}

  public static final Setting<Double> UTILIZATION_PERCENT =
      Setting.number(
          "clairvoyant.utilizationPercent",
          70,
          1,
          200,
          "The clairvoyant reference carries each window of the trace at this percent of replica saturation. Its main knob.");

  public static final Setting<Duration> WINDOW =
      Setting.duration(
          "clairvoyant.window",
          Duration.ofSeconds(10),
          Duration.ofSeconds(1),
          Duration.ofHours(1),
          "Window over which the clairvoyant reference reads the trace's demand ahead: 10 s, the time scale of the bursts a 2 s TTFT cannot queue through.");

  public static List<Setting<?>> all() {
    return List.of(UTILIZATION_PERCENT, WINDOW);
  }
}
