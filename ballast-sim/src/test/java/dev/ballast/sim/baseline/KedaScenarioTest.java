package dev.ballast.sim.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.core.spi.FakeCluster;
import dev.ballast.core.spi.Action;
import dev.ballast.core.spi.Plan;
import dev.ballast.core.spi.PodPhase;
import dev.ballast.core.spi.PolicyInput;
import dev.ballast.sim.baseline.keda.KedaPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** KEDA activation and cooldown (keda.sh ScaledObject spec), tick by tick. */
class KedaScenarioTest {
  final KedaPolicy keda =
      new KedaPolicy(Map.of("chat", 10.0), Duration.ofSeconds(15), 0.1, Duration.ofSeconds(30), Duration.ofSeconds(300), 0);

  Plan at(double t, FakeCluster c) {
    return keda.decide(new PolicyInput(Instant.ofEpochSecond((long) t), c, c));
  }

  static int scaleTo(Plan p) {
    return p.actions().stream().map(a -> ((Action.ScaleReplicas) a).replicas()).findFirst().orElse(-1);
  }

  @Test
  void activatesFromZeroOnlyAboveTheThresholdAtAPoll() {
    FakeCluster c = FakeCluster.withService(0, 10).sample(0, 0, 0);
    assertThat(at(0, c).isHold()).isTrue();
    c.sample(10, 0, 3); // 3 requests held at the gateway
    assertThat(at(15, c).isHold()).as("between polls KEDA does not look").isTrue();
    assertThat(scaleTo(at(30, c))).isEqualTo(1);
  }

  @Test
  void returnsToZeroOnlyAfterTheCooldownWithoutActivity() {
    FakeCluster c = FakeCluster.withService(0, 10).node("n1", dev.ballast.core.spi.NodeState.READY, 1, 1).pod("p1", "n1", PodPhase.READY);
    c.sample(0, 1, 5);
    at(0, c); // active at t=0
    c.sample(30, 1, 0);
    for (int t = 30; t < 300; t += 15) {
      Plan p = at(t, c);
      assertThat(p.actions()).as("t=%d", t).noneMatch(a -> ((Action.ScaleReplicas) a).replicas() == 0);
    }
    assertThat(scaleTo(at(300, c))).isEqualTo(0);
  }

  @Test
  void betweenOneAndMaxItScalesLikeAnHpaOnTheSameMetric() {
    FakeCluster c = FakeCluster.withService(0, 10).node("n1", dev.ballast.core.spi.NodeState.READY, 1, 1).pod("p1", "n1", PodPhase.READY);
    c.sample(0, 1, 35); // 35 in flight against 10 per pod
    assertThat(scaleTo(at(0, c))).isEqualTo(4);
  }
}
