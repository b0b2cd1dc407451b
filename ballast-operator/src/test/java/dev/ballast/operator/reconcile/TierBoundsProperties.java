package dev.ballast.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.core.capacity.NodePlanner;
import dev.ballast.core.spi.Action;
import dev.ballast.core.spi.FakeCluster;
import dev.ballast.core.spi.FakeCluster.NodeSpec;
import dev.ballast.core.spi.NodeActionChecks;
import dev.ballast.core.spi.NodePool;
import dev.ballast.core.spi.NodeState;
import dev.ballast.core.spi.NodeView;
import java.util.ArrayList;
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
 * The node plan a GpuNodePool acts on (the core's plan, then its spec's tier bounds) keeps the
 * plan's safety rules whatever the nodes and bounds: no node acted on twice, none holding pods
 * stopped, removed or tainted, and the pool never below its minimum through Ballast's removals.
 */
class TierBoundsProperties {
  @Provide
  Arbitrary<List<NodeSpec>> nodes() {
    Arbitrary<NodeState> state = Arbitraries.of(NodeState.READY, NodeState.READY, NodeState.STOPPED, NodeState.STOPPED, NodeState.PROVISIONING);
    return Combinators.combine(state, Arbitraries.of(true, false), Arbitraries.integers().between(0, 1))
        .as((s, standby, pods) -> new NodeSpec(s, standby && s == NodeState.READY, s == NodeState.READY && !standby ? pods : 0, Set.of("llama-3.1-8b")))
        .list().ofMaxSize(10);
  }

  @Property(tries = 500)
  void thePoolsPlanKeepsItsSafetyRules(
      @ForAll("nodes") List<NodeSpec> specs,
      @ForAll @IntRange(min = 0, max = 4) int waiting,
      @ForAll @IntRange(min = 0, max = 4) int minNodes,
      @ForAll @IntRange(min = 0, max = 3) int standbyMin,
      @ForAll @IntRange(min = 0, max = 4) int stoppedMin,
      @ForAll @IntRange(min = 0, max = 4) int stoppedMax) {
    FakeCluster c = new FakeCluster();
    c.pools.add(new NodePool("h100", "p5.4xlarge", minNodes, 20));
    Map<String, NodeView> byId = c.oneGpuNodes(specs, waiting);
    NodePlanner planner = new NodePlanner();
    planner.plan(c, Map.of("h100", stoppedMin), Map.of(), 0, 30, true);
    List<Action> actions = new ArrayList<>(planner.plan(c, Map.of("h100", stoppedMin), Map.of(), 3600, 30, true));
    TierBounds.apply(c.nodes, standbyMin, Math.max(stoppedMin, stoppedMax), minNodes, actions);

    long before = c.nodes.size();
    long live = NodeActionChecks.assertSafe(actions, byId);
    assertThat(live).as("pool size after %s", actions).isGreaterThanOrEqualTo(Math.min(before, minNodes));
  }
}
