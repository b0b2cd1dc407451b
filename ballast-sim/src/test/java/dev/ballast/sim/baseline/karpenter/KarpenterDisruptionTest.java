package dev.ballast.sim.baseline.karpenter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.core.spi.Action;
import dev.ballast.core.spi.FakeCluster;
import dev.ballast.core.spi.NodeState;
import dev.ballast.core.spi.NodeView;
import dev.ballast.core.spi.PodPhase;
import dev.ballast.core.spi.PolicyInput;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Karpenter's disruption controller, scripted: its methods in order, its 10 s poll and 15 s validation. */
class KarpenterDisruptionTest {

  private static List<Action> actionsAt(KarpenterPolicy k, double t, FakeCluster c) {
    return k.decide(new PolicyInput(Instant.ofEpochMilli((long) (t * 1000)), c, c)).actions();
  }

  private static List<String> removedAt(KarpenterPolicy k, double t, FakeCluster c) {
    List<Action> actions = actionsAt(k, t, c);
    assertThat(actions).as("removals only").allMatch(a -> a instanceof Action.RemoveNode);
    return actions.stream().map(a -> ((Action.RemoveNode) a).nodeId()).toList();
  }

  private static KarpenterPolicy karpenter(double budgetPercent) {
    return new KarpenterPolicy(Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ZERO, budgetPercent);
  }

  /** An eight-GPU node holding {@code pods} one-GPU pods, named after it. */
  private static void eightGpuNode(FakeCluster c, String id, int pods) {
    c.node(id, NodeState.READY, 8, pods);
    for (int i = 0; i < pods; i++) {
      c.pod(id + "-p" + i, id, PodPhase.READY);
    }
  }

  private static FakeCluster eightGpuCluster() {
    return FakeCluster.withService(1, 100).pool("h100x8", "p5.48xlarge", 10);
  }

  /** d holds 4 pods, a, b and c 2 each: a and b fit on c and d, a, b and c do not fit on d. */
  private static FakeCluster oneHalfFullAndThreeLightNodes() {
    FakeCluster c = eightGpuCluster();
    eightGpuNode(c, "d", 4);
    eightGpuNode(c, "a", 2);
    eightGpuNode(c, "b", 2);
    eightGpuNode(c, "c", 2);
    return c;
  }

  @Test
  void emptyNodesGoTogetherWithinTheBudgetFifteenSecondsAfterTheDecision() {
    FakeCluster c = FakeCluster.withService(1, 10);
    for (int i = 0; i < 12; i++) {
      c.node("n" + i, NodeState.READY, 1, 0);
    }
    KarpenterPolicy k = karpenter(10);
    assertThat(removedAt(k, 0, c)).as("decided, validated after consolidationTTL").isEmpty();
    assertThat(removedAt(k, 14, c)).isEmpty();
    assertThat(removedAt(k, 15, c)).as("ceil(10 % of 12)").hasSize(2);
  }

  @Test
  void anEmptyNodeThatGetsAPodWhileTheCommandWaitsIsKept() {
    FakeCluster c = FakeCluster.withService(1, 10).node("a", NodeState.READY, 1, 0).node("b", NodeState.READY, 1, 0);
    KarpenterPolicy k = karpenter(100);
    assertThat(removedAt(k, 0, c)).isEmpty();
    c.nodes.set(0, busy(c.nodes.get(0), 1));
    c.pod("p1", "a", PodPhase.READY);
    assertThat(removedAt(k, 15, c)).containsExactly("b");
  }

  @Test
  void withNothingToDoTheControllerLooksAgainOnlyTenSecondsLater() {
    FakeCluster c = FakeCluster.withService(1, 10).node("a", NodeState.READY, 1, 1).pod("p1", "a", PodPhase.READY);
    KarpenterPolicy k = karpenter(100);
    assertThat(removedAt(k, 0, c)).isEmpty();
    c.clearPods();
    c.nodes.set(0, busy(c.nodes.get(0), 0));
    assertThat(removedAt(k, 9, c)).isEmpty();
    assertThat(removedAt(k, 10, c)).as("the poll at 10 s decides").isEmpty();
    assertThat(removedAt(k, 24, c)).isEmpty();
    assertThat(removedAt(k, 25, c)).containsExactly("a");
  }

  @Test
  void emptinessActsAloneBeforeANodeWithPodsMayMove() {
    // "busy" holds a pod that only the empty node has room for
    FakeCluster c = FakeCluster.withService(1, 10).node("busy", NodeState.READY, 1, 1).node("empty", NodeState.READY, 1, 0).pod("p1", "busy", PodPhase.READY);
    for (int i = 0; i < 10; i++) {
      c.node("full" + i, NodeState.READY, 1, 1).pod("f" + i, "full" + i, PodPhase.READY);
    }
    KarpenterPolicy k = karpenter(10);
    removedAt(k, 0, c);
    assertThat(removedAt(k, 15, c)).containsExactly("empty");
  }

  @Test
  void multiNodeConsolidationTakesTheLongestPrefixByDisruptionCostWhosePodsFitElsewhere() {
    FakeCluster c = oneHalfFullAndThreeLightNodes();
    KarpenterPolicy k = karpenter(100);
    removedAt(k, 0, c);
    // a, b, c would put 6 pods on d's 4 free GPUs; a and b fit on c and d
    assertThat(removedAt(k, 15, c)).containsExactlyInAnyOrder("a", "b");
  }

  @Test
  void aMultiNodeCommandAbandonedForPodChurnFallsBackToSingleNodeConsolidation() {
    FakeCluster c = oneHalfFullAndThreeLightNodes();
    KarpenterPolicy k = karpenter(100);
    removedAt(k, 0, c);
    // c and d fill up while the command waits
    c.nodes.set(0, busy(c.nodes.get(0), 8));
    c.nodes.set(3, busy(c.nodes.get(3), 8));
    for (int i = 0; i < 10; i++) {
      c.pod("more-p" + i, i < 4 ? "d" : "c", PodPhase.READY);
    }
    assertThat(removedAt(k, 15, c)).as("a and b no longer fit elsewhere: abandoned").isEmpty();
    assertThat(removedAt(k, 29, c)).isEmpty();
    assertThat(removedAt(k, 30, c)).as("single-node, decided at 15 s: a's pods fit on b").containsExactly("a");
  }

  @Test
  void singleNodeConsolidationMovesTheNodeWithFewestPodsFirst() {
    FakeCluster c = eightGpuCluster();
    eightGpuNode(c, "x", 3);
    eightGpuNode(c, "y", 1);
    eightGpuNode(c, "z", 6);
    KarpenterPolicy k = karpenter(10); // ceil(10 % of 3) = 1: no multi-node command
    removedAt(k, 0, c);
    assertThat(removedAt(k, 15, c)).containsExactly("y");
  }

  @Test
  void aNodeWhosePodsFitNowhereStays() {
    FakeCluster c = eightGpuCluster();
    eightGpuNode(c, "x", 5);
    eightGpuNode(c, "y", 5);
    KarpenterPolicy k = karpenter(100);
    for (int t = 0; t <= 60; t++) {
      assertThat(removedAt(k, t, c)).isEmpty();
    }
  }

  @Test
  void anUnderUsedLargeNodeIsReplacedByACheaperOneAndGoesOnlyOnceThatIsReady() {
    FakeCluster c = eightGpuCluster(); // pools of one-GPU p5.4xlarge ($6.88/h) and eight-GPU p5.48xlarge ($55.04/h)
    eightGpuNode(c, "big", 1);
    KarpenterPolicy k = karpenter(100);
    actionsAt(k, 0, c);
    assertThat(actionsAt(k, 15, c)).singleElement()
        .isInstanceOfSatisfying(Action.AddNodes.class, a -> assertThat(a.poolId()).isEqualTo("h100"));
    c.node("new", NodeState.PROVISIONING, 1, 0);
    assertThat(actionsAt(k, 100, c)).as("the replacement is not ready yet").isEmpty();
    c.nodes.set(1, new NodeView("new", "p5.4xlarge", "h100", NodeState.READY, false, 1, 0, 0, Set.of(), Instant.EPOCH));
    assertThat(removedAt(k, 101, c)).containsExactly("big");
  }

  @Test
  void aReplacementThatNeverComesUpIsDroppedAfterTheQueuesTenMinutes() {
    FakeCluster c = eightGpuCluster();
    eightGpuNode(c, "big", 1);
    KarpenterPolicy k = karpenter(100);
    actionsAt(k, 0, c);
    assertThat(actionsAt(k, 15, c)).hasSize(1);
    assertThat(actionsAt(k, 614, c)).isEmpty();
    assertThat(actionsAt(k, 615, c)).as("dropped: big stays").isEmpty();
    actionsAt(k, 616, c); // the loop starts over
    assertThat(actionsAt(k, 631, c)).as("and asks again").singleElement().isInstanceOf(Action.AddNodes.class);
  }

  @Test
  void severalNodesAreNeverReplacedByOneOfATypeBeingRemoved() {
    // a and b (eight GPUs, 5 and 3 pods) would fit one new p5.48xlarge, but deleting b alone does
    // that job with less churn (multinodeconsolidation.go filterOutSameType)
    FakeCluster c = eightGpuCluster();
    eightGpuNode(c, "a", 5);
    eightGpuNode(c, "b", 3);
    KarpenterPolicy k = karpenter(100);
    actionsAt(k, 0, c);
    assertThat(removedAt(k, 15, c)).as("single-node deletion, no replacement").containsExactly("b");
  }

  @Test
  void withAConsolidateAfterANodeWaitsThatLongSinceItsPodsLastChanged() {
    FakeCluster c = FakeCluster.withService(1, 10).node("a", NodeState.READY, 1, 1).pod("p1", "a", PodPhase.READY);
    KarpenterPolicy k = new KarpenterPolicy(Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofMinutes(1), 100);
    actionsAt(k, 0, c);
    c.clearPods();
    c.nodes.set(0, busy(c.nodes.get(0), 0)); // emptied at 5 s
    for (int t = 5; t < 85; t++) {
      assertThat(actionsAt(k, t, c)).as("consolidatable from 65 s, decided at the poll at 70 s, run 15 s later").isEmpty();
    }
    assertThat(removedAt(k, 85, c)).containsExactly("a");
  }

  private static NodeView busy(NodeView n, int allocated) {
    return new NodeView(n.id(), n.nodeTypeId(), n.poolId(), n.state(), n.standby(), n.gpuCount(), allocated, allocated, Set.of(), n.stateSince());
  }
}
