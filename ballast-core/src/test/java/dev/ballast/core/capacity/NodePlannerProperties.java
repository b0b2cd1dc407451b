package dev.ballast.core.capacity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.core.spi.Action;
import dev.ballast.core.spi.FakeCluster;
import dev.ballast.core.spi.FakeCluster.NodeSpec;
import dev.ballast.core.spi.NodeActionChecks;
import dev.ballast.core.spi.NodePool;
import dev.ballast.core.spi.NodeState;
import dev.ballast.core.spi.NodeView;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * What the node plan may never do, whatever the nodes, the waiting replicas and the stopped-tier
 * target: touch a node that holds pods, act twice on one node, remove capacity while metrics are
 * stale, grow a pool past its maximum or shrink it below its minimum.
 */
class NodePlannerProperties {
  static final Set<String> CACHED = Set.of("llama-3.1-8b");

  @Provide
  Arbitrary<List<NodeSpec>> nodes() {
    Arbitrary<NodeState> state = Arbitraries.of(NodeState.READY, NodeState.READY, NodeState.STOPPED, NodeState.PROVISIONING, NodeState.DRAINING);
    return Combinators.combine(state, Arbitraries.of(true, false), Arbitraries.integers().between(0, 1), Arbitraries.of(true, false))
        .as((s, standby, pods, cached) -> new NodeSpec(s, standby && s == NodeState.READY, s == NodeState.READY && !standby ? pods : 0, cached ? CACHED : Set.of()))
        .list().ofMinSize(0).ofMaxSize(12);
  }

  @Property(tries = 500)
  void theNodePlanKeepsItsSafetyRules(
      @ForAll("nodes") List<NodeSpec> specs,
      @ForAll @IntRange(min = 0, max = 6) int waiting,
      @ForAll @IntRange(min = 0, max = 6) int stoppedTarget,
      @ForAll @IntRange(min = 0, max = 6) int minNodes,
      @ForAll @IntRange(min = 6, max = 14) int maxNodes,
      @ForAll boolean allowShrink) {
    FakeCluster c = new FakeCluster();
    c.pools.add(new NodePool("h100", "p5.4xlarge", minNodes, maxNodes));
    Map<String, NodeView> byId = c.oneGpuNodes(specs, waiting);
    NodePlanner planner = new NodePlanner();
    planner.plan(c, Map.of("h100", stoppedTarget), Map.of("h100", "llama-3.1-8b"), 0, 30, allowShrink); // the empty nodes' clocks start
    List<Action> actions = planner.plan(c, Map.of("h100", stoppedTarget), Map.of("h100", "llama-3.1-8b"), 3600, 30, allowShrink);

    long live = NodeActionChecks.assertSafe(actions, byId);
    for (Action a : actions) {
      if (a instanceof Action.RemoveNode || a instanceof Action.StopNode) {
        assertThat(allowShrink).as("removed capacity blind: %s", a).isTrue();
      }
    }
    long before = c.nodes.stream().filter(n -> n.state() != NodeState.GONE && n.state() != NodeState.DRAINING).count();
    assertThat(live).as("pool size after %s", actions).isLessThanOrEqualTo(Math.max(before, maxNodes));
    assertThat(live).as("pool size after %s", actions).isGreaterThanOrEqualTo(Math.min(before, minNodes));
  }
}
