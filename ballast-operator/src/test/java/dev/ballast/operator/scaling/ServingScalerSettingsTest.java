package dev.ballast.operator.scaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ballast.core.config.Settings;
import dev.ballast.core.policy.BallastSettings;
import dev.ballast.operator.api.v1alpha1.InferenceScalerSpec;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** An InferenceScaler's own choices reach the policy's settings. */
class ServingScalerSettingsTest {
  @Test
  void theKeepAliveChoiceBecomesThePolicysSettings() {
    InferenceScalerSpec spec = new InferenceScalerSpec();
    Settings slo = ServingScaler.settingsFor(ServingScaler.defaultSettings(), spec);
    assertThat(slo.get(BallastSettings.KEEP_ALIVE_BY_COST)).isFalse();

    spec.keepAlive.policy = InferenceScalerSpec.KeepAliveSpec.Policy.Cost;
    spec.keepAlive.coldStartWorth = "90s";
    Settings cost = ServingScaler.settingsFor(ServingScaler.defaultSettings(), spec);
    assertThat(cost.get(BallastSettings.KEEP_ALIVE_BY_COST)).isTrue();
    assertThat(cost.get(BallastSettings.COLD_START_WORTH)).isEqualTo(Duration.ofSeconds(90));
  }

  @Test
  void aWorthOutOfRangeIsRefusedWithTheSettingsMessage() {
    InferenceScalerSpec spec = new InferenceScalerSpec();
    spec.keepAlive.policy = InferenceScalerSpec.KeepAliveSpec.Policy.Cost;
    spec.keepAlive.coldStartWorth = "48h";
    assertThatThrownBy(() -> ServingScaler.settingsFor(ServingScaler.defaultSettings(), spec)).hasMessageContaining("ballast.coldStartWorth");
  }

  @Test
  void theScalerDoesNotCountOnStoppedNodesItCannotSee() {
    Settings s = ServingScaler.settingsFor(ServingScaler.defaultSettings(), new InferenceScalerSpec());
    assertThat(s.get(BallastSettings.STOPPED_TIER)).isFalse();
  }
}
