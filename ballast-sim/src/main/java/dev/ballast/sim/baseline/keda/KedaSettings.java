package dev.ballast.sim.baseline.keda;

import dev.ballast.core.config.Setting;
import java.time.Duration;
import java.util.List;

/** Settings of the KEDA baseline (keda.sh ScaledObject specification defaults). */
public final class KedaSettings {
  private KedaSettings() {}

  public static final Setting<Duration> POLLING_INTERVAL =
      Setting.duration(
          "keda.pollingInterval",
          Duration.ofSeconds(30),
          Duration.ofSeconds(1),
          Duration.ofMinutes(10),
          "How often KEDA checks each trigger for activation (ScaledObject pollingInterval).");

  public static final Setting<Duration> COOLDOWN_PERIOD =
      Setting.duration(
          "keda.cooldownPeriod",
          Duration.ofSeconds(300),
          Duration.ZERO,
          Duration.ofHours(24),
          "How long after the last active trigger KEDA scales the target to zero (ScaledObject cooldownPeriod).");

  public static final Setting<Double> ACTIVATION_THRESHOLD =
      Setting.number(
          "keda.activationThreshold",
          0,
          0,
          1e9,
          "The trigger is active (scale 0 -> 1) when in-flight requests are strictly above this.");

  public static List<Setting<?>> all() {
    return List.of(POLLING_INTERVAL, COOLDOWN_PERIOD, ACTIVATION_THRESHOLD);
  }
}
