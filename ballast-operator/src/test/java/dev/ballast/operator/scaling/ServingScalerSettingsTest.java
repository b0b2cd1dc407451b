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
    Settings priced = ServingScaler.settingsFor(ServingScaler.defaultSettings(), spec);
    assertThat(priced.get(BallastSettings.KEEP_ALIVE_BY_COST)).isTrue();
    assertThat(priced.get(BallastSettings.COLD_START_PRICED_BY_SLO)).isTrue();

    spec.keepAlive.policy = InferenceScalerSpec.KeepAliveSpec.Policy.Cost;
    spec.keepAlive.coldStartWorth = "90s";
    Settings cost = ServingScaler.settingsFor(ServingScaler.defaultSettings(), spec);
    assertThat(cost.get(BallastSettings.KEEP_ALIVE_BY_COST)).isTrue();
    assertThat(cost.get(BallastSettings.COLD_START_PRICED_BY_SLO)).isFalse();
    assertThat(cost.get(BallastSettings.COLD_START_WORTH)).isEqualTo(Duration.ofSeconds(90));

    spec.keepAlive.policy = InferenceScalerSpec.KeepAliveSpec.Policy.SloFirst;
    Settings first = ServingScaler.settingsFor(ServingScaler.defaultSettings(), spec);
    assertThat(first.get(BallastSettings.KEEP_ALIVE_BY_COST)).isFalse();
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
    InferenceScalerSpec spec = ScalerSpecs.llama();
    Settings s = ServingScaler.settingsFor(ServingScaler.defaultSettings(), spec);
    assertThat(s.get(BallastSettings.STOPPED_TIER)).isFalse();

    // twenty minutes of chat-like traffic around 100 req/s on 8 replicas: a lower target waits for
    // new capacity's lead (about 10 minutes here), not a stopped node's (262 s with the stopped
    // tier on: this test fails if the scaler counts on it)
    ServingScaler scaler = new ServingScaler("service", s, 45);
    java.time.Instant t = java.time.Instant.parse("2026-11-28T00:00:00Z");
    ScalerDecision d = null;
    java.util.SplittableRandom r = new java.util.SplittableRandom(3);
    long n = 0;
    for (int i = 0; i <= 80; i++) {
      n += Math.round(15 * 100 * (1 + 0.5 * Math.sin(2 * Math.PI * i / 40)) * (0.8 + 0.4 * r.nextDouble()));
      scaler.observe(new dev.ballast.core.spi.ServiceSample(t, 8, 0, 0, n, n * 800, n * 200, n, n, 0, 60, 0, n * 3.0, 0.4));
      d = scaler.decide(spec, new ScaleTarget("Deployment", "llama", 8, 8), t, null);
      t = t.plusSeconds(15);
    }
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("a lower target holds (\\d+) s").matcher(d.reason());
    assertThat(m.find()).as(d.reason()).isTrue();
    assertThat(Integer.parseInt(m.group(1))).isGreaterThan(400);
  }
}
