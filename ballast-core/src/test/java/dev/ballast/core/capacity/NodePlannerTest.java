package dev.ballast.core.capacity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.core.spi.Action;
import dev.ballast.core.spi.FakeCluster;
import dev.ballast.core.spi.NodeState;
import dev.ballast.core.spi.PodPhase;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NodePlannerTest {
  static final Set<String> CACHED = Set.of("llama-3.1-8b");

  static FakeCluster cluster() {
    FakeCluster c = FakeCluster.withService(0, 10);
    c.pools.add(new dev.ballast.core.spi.NodePool("h100x8", "p5.48xlarge", 0, 10));
    return c;
  }

  @Test
  void aWaitingReplicaTakesAStandbyNodeFirst() {
    FakeCluster c = cluster().node("standby", "h100", "p5.4xlarge", NodeState.READY, true, 1, 0, CACHED)
        .node("stopped", "h100", "p5.4xlarge", NodeState.STOPPED, false, 1, 0, CACHED)
        .pod("p", null, PodPhase.PENDING);
    List<Action> actions = new NodePlanner().plan(c, Map.of("h100", 1), Map.of(), 0, 30, true);
    assertThat(actions).singleElement().isInstanceOfSatisfying(Action.SetStandby.class, a -> {
      assertThat(a.nodeId()).isEqualTo("standby");
      assertThat(a.standby()).isFalse();
      assertThat(a.reason()).contains("release standby");
    });
  }

  @Test
  void thenAStoppedNodeIsResumedKeepingItsCaches() {
    FakeCluster c = cluster().node("stopped", "h100", "p5.4xlarge", NodeState.STOPPED, false, 1, 0, CACHED).pod("p", null, PodPhase.PENDING);
    List<Action> actions = new NodePlanner().plan(c, Map.of("h100", 1), Map.of(), 0, 30, true);
    assertThat(actions).singleElement().isInstanceOfSatisfying(Action.StartNode.class, a -> assertThat(a.reason()).contains("resume stopped", "llama-3.1-8b"));
  }

  @Test
  void onlyThenNewNodesOfTheCheapestPoolPerGpu() {
    FakeCluster c = cluster().pod("a", null, PodPhase.PENDING).pod("b", null, PodPhase.PENDING);
    List<Action> actions = new NodePlanner().plan(c, Map.of(), Map.of(), 0, 30, true);
    // p5.4xlarge and p5.48xlarge cost the same per GPU-hour: the first listed wins, two 1-GPU nodes
    assertThat(actions).singleElement().isInstanceOfSatisfying(Action.AddNodes.class, a -> {
      assertThat(a.poolId()).isEqualTo("h100");
      assertThat(a.count()).isEqualTo(2);
    });
  }

  @Test
  void whatTheCheapestPoolCannotHoldGoesToTheNextPoolInTheSameDecision() {
    FakeCluster c = new FakeCluster().pool("h100", "p5.4xlarge", 1).pool("h100x8", "p5.48xlarge", 10)
        .pod("a", null, PodPhase.PENDING).pod("b", null, PodPhase.PENDING).pod("c", null, PodPhase.PENDING);
    List<Action> actions = new NodePlanner().plan(c, Map.of(), Map.of(), 0, 30, true);
    assertThat(actions).hasSize(2);
    assertThat(actions.get(0)).isInstanceOfSatisfying(Action.AddNodes.class, a -> {
      assertThat(a.poolId()).isEqualTo("h100");
      assertThat(a.count()).isEqualTo(1);
    });
    assertThat(actions.get(1)).isInstanceOfSatisfying(Action.AddNodes.class, a -> {
      assertThat(a.poolId()).isEqualTo("h100x8");
      assertThat(a.count()).isEqualTo(1);
      assertThat(a.reason()).contains("2 waiting GPUs");
    });
  }

  @Test
  void nodesAlreadyComingUpCountAgainstTheNeed() {
    FakeCluster c = cluster().node("new", "h100", "p5.4xlarge", NodeState.PROVISIONING, false, 1, 0, Set.of()).pod("a", null, PodPhase.PENDING);
    assertThat(new NodePlanner().plan(c, Map.of(), Map.of(), 0, 30, true)).isEmpty();
  }

  @Test
  void anEmptyNodeIsStoppedAfterItsGraceWhileTheStoppedTierIsShort() {
    FakeCluster c = cluster().node("idle", "h100", "p5.4xlarge", NodeState.READY, false, 1, 0, CACHED);
    NodePlanner planner = new NodePlanner();
    assertThat(planner.plan(c, Map.of("h100", 1), Map.of("h100", "llama-3.1-8b"), 0, 30, true)).isEmpty();
    assertThat(planner.plan(c, Map.of("h100", 1), Map.of("h100", "llama-3.1-8b"), 31, 30, true))
        .singleElement()
        .isInstanceOfSatisfying(Action.StopNode.class, a -> assertThat(a.reason()).contains("stopped tier 0 < 1"));
  }

  @Test
  void anEmptyNodeWithoutTheModelPrefetchesItBeforeStopping() {
    FakeCluster c = cluster().node("idle", "h100", "p5.4xlarge", NodeState.READY, false, 1, 0, Set.of());
    NodePlanner planner = new NodePlanner();
    planner.plan(c, Map.of("h100", 1), Map.of("h100", "llama-3.1-8b"), 0, 30, true);
    assertThat(planner.plan(c, Map.of("h100", 1), Map.of("h100", "llama-3.1-8b"), 60, 30, true))
        .singleElement()
        .isInstanceOfSatisfying(Action.SetStandby.class, a -> assertThat(a.prefetchModelId()).isEqualTo("llama-3.1-8b"));
  }

  @Test
  void anEmptyNodeBeyondTheStoppedTierIsDeleted() {
    FakeCluster c = cluster().node("idle", "h100", "p5.4xlarge", NodeState.READY, false, 1, 0, CACHED)
        .node("s1", "h100", "p5.4xlarge", NodeState.STOPPED, false, 1, 0, CACHED)
        .node("s2", "h100", "p5.4xlarge", NodeState.STOPPED, false, 1, 0, CACHED)
        .node("s3", "h100", "p5.4xlarge", NodeState.STOPPED, false, 1, 0, CACHED);
    NodePlanner planner = new NodePlanner();
    planner.plan(c, Map.of("h100", 1), Map.of(), 0, 30, true);
    // the stopped tier keeps a slack of one node above its target of one: of three, one goes
    List<Action> actions = planner.plan(c, Map.of("h100", 1), Map.of(), 60, 30, true);
    assertThat(actions).filteredOn(a -> a instanceof Action.RemoveNode).extracting(a -> ((Action.RemoveNode) a).nodeId()).containsExactly("idle", "s1");
  }

  @Test
  void stoppedNodesBeyondTheTierGoButNeverBelowThePoolsMinimum() {
    FakeCluster c = FakeCluster.withService(0, 10);
    c.pools.set(0, new dev.ballast.core.spi.NodePool("h100", "p5.4xlarge", 2, 100));
    c.node("s1", "h100", "p5.4xlarge", NodeState.STOPPED, false, 1, 0, CACHED).node("s2", "h100", "p5.4xlarge", NodeState.STOPPED, false, 1, 0, CACHED)
        .node("s3", "h100", "p5.4xlarge", NodeState.STOPPED, false, 1, 0, CACHED);
    List<Action> actions = new NodePlanner().plan(c, Map.of("h100", 0), Map.of(), 0, 30, true);
    assertThat(actions).as("of three stopped nodes beyond a tier of none, one goes: the pool keeps its two").singleElement()
        .isInstanceOfSatisfying(Action.RemoveNode.class, a -> assertThat(a.nodeId()).isEqualTo("s1"));
  }

  @Test
  void aStoppedNodeResumedForAWaitingReplicaIsNotAlsoDeleted() {
    FakeCluster c = cluster().node("s1", "h100", "p5.4xlarge", NodeState.STOPPED, false, 1, 0, CACHED)
        .node("s2", "h100", "p5.4xlarge", NodeState.STOPPED, false, 1, 0, CACHED).node("s3", "h100", "p5.4xlarge", NodeState.STOPPED, false, 1, 0, CACHED)
        .pod("p", null, PodPhase.PENDING);
    List<Action> actions = new NodePlanner().plan(c, Map.of("h100", 0), Map.of(), 0, 30, true);
    assertThat(actions).filteredOn(a -> a instanceof Action.StartNode).extracting(a -> ((Action.StartNode) a).nodeId()).containsExactly("s1");
    assertThat(actions).filteredOn(a -> a instanceof Action.RemoveNode).extracting(a -> ((Action.RemoveNode) a).nodeId()).containsExactly("s2");
  }

  @Test
  void replicasAskedForInTheSameDecisionResumeStoppedNodesAtOnce() {
    FakeCluster c = cluster().node("stopped", "h100", "p5.4xlarge", NodeState.STOPPED, false, 1, 0, CACHED);
    List<Action> actions = new NodePlanner().plan(c, Map.of("H100-80GB", 3), Map.of("h100", 1), Map.of(), 0, 30, true);
    assertThat(actions).hasSize(2);
    assertThat(actions.get(0)).isInstanceOf(Action.StartNode.class);
    assertThat(actions.get(1)).isInstanceOfSatisfying(Action.AddNodes.class, a -> assertThat(a.count()).isEqualTo(2));
  }

  @Test
  void nothingShrinksWhileMetricsAreStale() {
    FakeCluster c = cluster().node("idle", "h100", "p5.4xlarge", NodeState.READY, false, 1, 0, CACHED)
        .node("s1", "h100", "p5.4xlarge", NodeState.STOPPED, false, 1, 0, CACHED);
    NodePlanner planner = new NodePlanner();
    planner.plan(c, Map.of(), Map.of(), 0, 30, false);
    assertThat(planner.plan(c, Map.of(), Map.of(), 600, 30, false)).isEmpty();
  }

  @Test
  void surgeInsuranceAddsNodesUpToTheFloorCountingThoseStoppedEmptyOrOnTheirWay() {
    FakeCluster c = cluster().node("stopped", "h100", "p5.4xlarge", NodeState.STOPPED, false, 1, 0, CACHED)
        .node("coming", "h100", "p5.4xlarge", NodeState.PROVISIONING, false, 1, 0, Set.of())
        .node("empty", "h100", "p5.4xlarge", NodeState.READY, false, 1, 0, Set.of())
        .node("busy", "h100", "p5.4xlarge", NodeState.READY, false, 1, 1, CACHED);
    List<Action> actions = NodePlanner.insure(c, Map.of(), Map.of("h100", 5));
    assertThat(actions).singleElement().isInstanceOfSatisfying(Action.AddNodes.class, a -> {
      assertThat(a.poolId()).isEqualTo("h100");
      assertThat(a.count()).isEqualTo(2); // five, less the stopped, coming and empty ones; the busy node insures nothing
      assertThat(a.reason()).contains("surge insurance", "3 of 5");
    });
    assertThat(NodePlanner.insure(c, Map.of(), Map.of("h100", 3))).isEmpty();
  }

  @Test
  void surgeInsuranceWaitsWhileReplicasWaitAndStaysWithinThePool() {
    FakeCluster waiting = cluster().pod("p", null, PodPhase.PENDING);
    assertThat(NodePlanner.insure(waiting, Map.of(), Map.of("h100", 5))).isEmpty();
    assertThat(NodePlanner.insure(cluster(), Map.of("H100-80GB", 1), Map.of("h100", 5))).isEmpty(); // GPUs asked for in this decision
    List<Action> capped = NodePlanner.insure(cluster(), Map.of(), Map.of("h100x8", 50));
    assertThat(capped).singleElement().isInstanceOfSatisfying(Action.AddNodes.class, a -> assertThat(a.count()).isEqualTo(10));
  }
}
