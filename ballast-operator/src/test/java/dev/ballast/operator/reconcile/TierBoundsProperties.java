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
 * stopped, removed or tainted, and the pool never below its minimum through Ballast's removals nor
 * above its maximum through Ballast's adds. And it holds the standby floor: short of the pool's
 * maximum, the standby nodes kept or tainted, with the nodes coming up that the waiting pods leave
 * empty, are at least {@code standby.min}.
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
      @ForAll @IntRange(min = 0, max = 4) int stoppedMax,
      @ForAll @IntRange(min = 0, max = 8) int roomAboveMin) {
    int maxNodes = minNodes + roomAboveMin;
    FakeCluster c = new FakeCluster();
    c.pools.add(new NodePool("h100", "p5.4xlarge", minNodes, maxNodes));
    Map<String, NodeView> byId = c.oneGpuNodes(specs, waiting);
    NodePlanner planner = new NodePlanner();
    planner.plan(c, Map.of("h100", stoppedMin), Map.of(), 0, 30, true);
    List<Action> actions = new ArrayList<>(planner.plan(c, Map.of("h100", stoppedMin), Map.of(), 3600, 30, true));
    TierBounds.apply(c, standbyMin, Math.max(stoppedMin, stoppedMax), actions);

    long before = c.nodes.size();
    long live = NodeActionChecks.assertSafe(actions, byId);
    assertThat(live).as("pool size after %s", actions).isGreaterThanOrEqualTo(Math.min(before, minNodes));
    assertThat(live).as("pool size after %s", actions).isLessThanOrEqualTo(Math.max(before, maxNodes));

    // one-GPU nodes: every node coming up, resumed or asked for is spare where no waiting pod takes it
    long standby = 0;
    long releasedForWaiting = 0;
    long coming = c.nodes.stream().filter(n -> n.state() == NodeState.PROVISIONING).count()
        + actions.stream().filter(a -> a instanceof Action.StartNode).count();
    for (NodeView n : c.nodes) {
      boolean released = actions.stream().anyMatch(a -> a instanceof Action.SetStandby sb && !sb.standby() && sb.nodeId().equals(n.id()));
      boolean taintedNow = actions.stream().anyMatch(a -> a instanceof Action.SetStandby sb && sb.standby() && sb.nodeId().equals(n.id()));
      boolean goes = actions.stream().anyMatch(a -> (a instanceof Action.RemoveNode r && r.nodeId().equals(n.id())) || (a instanceof Action.StopNode st && st.nodeId().equals(n.id())));
      if (n.state() == NodeState.READY && !goes && ((n.standby() && !released) || taintedNow)) {
        standby++;
      }
      releasedForWaiting += released ? 1 : 0;
    }
    long added = actions.stream().filter(a -> a instanceof Action.AddNodes).mapToLong(a -> ((Action.AddNodes) a).count()).sum();
    long spare = Math.max(0, coming + added - Math.max(0, waiting - releasedForWaiting));
    if (live < maxNodes) { // with room left, nothing held the floor back
      assertThat(standby + spare).as("standby floor %d after %s", standbyMin, actions).isGreaterThanOrEqualTo(standbyMin);
    }
  }
}
