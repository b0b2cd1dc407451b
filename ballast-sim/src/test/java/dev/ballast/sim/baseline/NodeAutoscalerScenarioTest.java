package dev.ballast.sim.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.core.spi.FakeCluster;
import dev.ballast.core.spi.Action;
import dev.ballast.core.spi.NodeState;
import dev.ballast.core.spi.Plan;
import dev.ballast.core.spi.PodPhase;
import dev.ballast.core.spi.PolicyInput;
import dev.ballast.sim.baseline.ca.ClusterAutoscalerPolicy;
import dev.ballast.sim.baseline.karpenter.KarpenterPolicy;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Cluster Autoscaler and Karpenter timing rules, scripted. */
class NodeAutoscalerScenarioTest {

  static Plan at(dev.ballast.core.spi.Policy p, double t, FakeCluster c) {
    return p.decide(new PolicyInput(Instant.ofEpochMilli((long) (t * 1000)), c, c));
  }

  static ClusterAutoscalerPolicy ca() {
    return new ClusterAutoscalerPolicy(Duration.ofSeconds(10), Duration.ofMinutes(10), Duration.ofMinutes(10), 0.5);
  }

  @Test
  void caDeletesEmptyNodesInALoopOfTheirOwnSoThatAnotherNodesPodsNeverCountOnThem() {
    // eight-GPU nodes: "empty" is unneeded; "light" holds one pod that only "empty" has room for
    FakeCluster c = FakeCluster.withService(1, 10).pool("h100x8", "p5.48xlarge", 10);
    c.node("empty", NodeState.READY, 8, 0).node("full", NodeState.READY, 8, 8).node("light", NodeState.READY, 8, 1).pod("p1", "light", PodPhase.READY);
    for (int i = 0; i < 8; i++) {
      c.pod("f" + i, "full", PodPhase.READY);
    }
    ClusterAutoscalerPolicy ca = ca();
    for (int t = 0; t < 600; t += 10) {
      at(ca, t, c);
    }
    Plan p = at(ca, 600, c);
    assertThat(p.actions()).as("empty nodes in bulk, and no node with pods in the same loop").singleElement()
        .isInstanceOfSatisfying(Action.RemoveNode.class, r -> assertThat(r.nodeId()).isEqualTo("empty"));
  }

  @Test
  void caDeletesAtMostTenEmptyNodesPerLoop() {
    FakeCluster c = FakeCluster.withService(0, 10);
    for (int i = 0; i < 12; i++) {
      c.node(String.format("idle%02d", i), NodeState.READY, 1, 0);
    }
    ClusterAutoscalerPolicy ca = ca();
    for (int t = 0; t < 600; t += 10) {
      at(ca, t, c);
    }
    assertThat(at(ca, 600, c).actions()).as("--max-empty-bulk-delete 10").hasSize(10);
    c.nodes.subList(0, 10).clear();
    assertThat(at(ca, 610, c).actions()).as("the other two, unneeded as long, in the next loop").hasSize(2);
  }

  @Test
  void caRemovesANodeOnlyAfterTenMinutesUnneeded() {
    FakeCluster c =
        FakeCluster.withService(1, 10).node("busy", NodeState.READY, 1, 1).node("idle", NodeState.READY, 1, 0).pod("p1", "busy", PodPhase.READY);
    ClusterAutoscalerPolicy ca = ca();
    for (int t = 0; t < 600; t += 10) {
      assertThat(at(ca, t, c).actions()).as("t=%d", t).isEmpty();
    }
    Plan p = at(ca, 600, c);
    assertThat(p.actions()).singleElement().isInstanceOfSatisfying(Action.RemoveNode.class, r -> assertThat(r.nodeId()).isEqualTo("idle"));
  }

  @Test
  void caNeverScalesDownWithinTenMinutesOfAScaleUp() {
    FakeCluster c = FakeCluster.withService(1, 10).node("idle", NodeState.READY, 1, 0).pod("p1", null, PodPhase.PENDING);
    c.nodes.set(0, new dev.ballast.core.spi.NodeView("idle", "p5.4xlarge", "h100", NodeState.READY, false, 1, 1, 1, java.util.Set.of(), Instant.EPOCH));
    ClusterAutoscalerPolicy ca = ca();
    Plan up = at(ca, 0, c);
    assertThat(up.actions()).singleElement().isInstanceOf(Action.AddNodes.class);
    FakeCluster later = FakeCluster.withService(1, 10).node("idle", NodeState.READY, 1, 0).node("new", NodeState.READY, 1, 0);
    for (int t = 10; t < 610; t += 10) {
      assertThat(at(ca, t, later).actions()).as("t=%d", t).isEmpty();
    }
    // unneeded since t=10 (the scale-up loop looks at nothing else): both go at t=610, past the cooldown too
    assertThat(at(ca, 610, later).actions()).hasSize(2).allMatch(a -> a instanceof Action.RemoveNode);
  }

  @Test
  void caCooldownHoldsEvenANodeUnneededForLonger() {
    FakeCluster idle = FakeCluster.withService(1, 10).node("idle", NodeState.READY, 1, 0);
    ClusterAutoscalerPolicy ca = ca();
    for (int t = 0; t < 300; t += 10) {
      at(ca, t, idle); // unneeded from t=0
    }
    FakeCluster pending = FakeCluster.withService(1, 10).node("idle", NodeState.READY, 1, 1).pod("p", null, PodPhase.PENDING);
    assertThat(at(ca, 300, pending).actions()).singleElement().isInstanceOf(Action.AddNodes.class);
    for (int t = 310; t < 900; t += 10) {
      assertThat(at(ca, t, idle).actions()).as("t=%d", t).isEmpty();
    }
    assertThat(at(ca, 900, idle).actions()).singleElement().isInstanceOf(Action.RemoveNode.class);
  }

  @Test
  void caCountsOnNodesAlreadyComingUp() {
    FakeCluster c = FakeCluster.withService(1, 10).node("coming", NodeState.PROVISIONING, 1, 0).pod("p1", null, PodPhase.PENDING);
    assertThat(at(ca(), 0, c).actions()).isEmpty();
    c.pod("p2", null, PodPhase.PENDING);
    assertThat(at(ca(), 0, c).actions())
        .singleElement()
        .isInstanceOfSatisfying(Action.AddNodes.class, a -> assertThat(a.count()).isEqualTo(1));
  }

  @Test
  void karpenterBatchesPendingPodsAndBuysTheCheapestFit() {
    FakeCluster c = FakeCluster.withService(1, 10).pool("h100x8", "p5.48xlarge", 10);
    KarpenterPolicy k = new KarpenterPolicy(Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ZERO, 10);
    c.pod("p1", null, PodPhase.PENDING);
    assertThat(at(k, 0, c).actions()).isEmpty();
    c.pod("p2", null, PodPhase.PENDING);
    assertThat(at(k, 0.5, c).actions()).as("a new pod keeps the batch open").isEmpty();
    c.pod("p3", null, PodPhase.PENDING);
    assertThat(at(k, 1.0, c).actions()).isEmpty();
    Plan p = at(k, 2.0, c);
    assertThat(p.actions())
        .singleElement()
        .isInstanceOfSatisfying(
            Action.AddNodes.class,
            a -> {
              assertThat(a.poolId()).isEqualTo("h100"); // 3 x $6.88 beats one 8-GPU node at $55.04
              assertThat(a.count()).isEqualTo(3);
            });
  }

  @Test
  void karpenterClosesABatchAfterTenSecondsEvenIfPodsKeepComing() {
    FakeCluster c = FakeCluster.withService(1, 100);
    KarpenterPolicy k = new KarpenterPolicy(Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ZERO, 10);
    for (int t = 0; t < 10; t++) {
      c.pod("p" + t, null, PodPhase.PENDING);
      assertThat(at(k, t * 0.9, c).actions()).isEmpty();
    }
    c.pod("p-last", null, PodPhase.PENDING);
    assertThat(at(k, 10.0, c).actions()).hasSize(1);
  }
}
