package dev.ballast.operator.reconcile;

import dev.ballast.core.spi.Action;
import dev.ballast.core.spi.ClusterView;
import dev.ballast.core.spi.NodePool;
import dev.ballast.core.spi.NodeState;
import dev.ballast.core.spi.NodeView;
import dev.ballast.core.spi.PodPhase;
import dev.ballast.core.spi.PodView;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Holds a pool's tiers within the bounds its spec sets, on top of the core's node plan. Standby:
 * the first {@code standby.min} standby nodes are kept from being stopped or removed, empty serving
 * nodes are tainted into standby while the tier is short of it, and where that is not enough new
 * nodes are asked for, within {@code maxNodes}, counting the nodes coming up that no waiting pod
 * will take (they come up empty and are tainted in turn; the planner itself stops or removes
 * standby nodes that sit empty beyond the floor). Stopped: nodes beyond {@code stopped.max} are
 * removed even where the planner's slack would keep them, but never below the pool's {@code
 * minNodes}, which counts every tier.
 */
final class TierBounds {
  private TierBounds() {}

  /**
   * @param pool the pool's nodes, its waiting pods and the pool itself (its only one)
   * @return the nodes asked for to hold the standby floor (also added to {@code actions}), if any
   */
  static Optional<Action.AddNodes> apply(ClusterView pool, int standbyMin, int stoppedMax, List<Action> actions) {
    NodePool bounds = pool.nodePools().get(0);
    List<NodeView> nodes = pool.nodes();
    List<NodeView> sorted = nodes.stream().sorted(Comparator.comparing(NodeView::id)).toList();
    Set<String> released = new HashSet<>();
    Set<String> tainted = new HashSet<>();
    Set<String> removed = new HashSet<>();
    for (Action a : actions) {
      if (a instanceof Action.SetStandby sb) {
        (sb.standby() ? tainted : released).add(sb.nodeId());
      } else if (a instanceof Action.RemoveNode r) {
        removed.add(r.nodeId());
      }
    }
    List<NodeView> standby = sorted.stream()
        .filter(n -> n.state() == NodeState.READY && ((n.standby() && !released.contains(n.id())) || tainted.contains(n.id())))
        .toList();
    Set<String> keep = new HashSet<>();
    standby.stream().limit(standbyMin).forEach(n -> keep.add(n.id()));
    actions.removeIf(a -> (a instanceof Action.StopNode s && keep.contains(s.nodeId())) || (a instanceof Action.RemoveNode r && keep.contains(r.nodeId())));
    int count = standby.size();
    for (NodeView n : sorted) {
      if (count >= standbyMin) {
        break;
      }
      if (n.state() == NodeState.READY && !n.standby() && n.podCount() == 0 && !tainted.contains(n.id())) {
        actions.removeIf(a -> (a instanceof Action.StopNode s && s.nodeId().equals(n.id())) || (a instanceof Action.RemoveNode r && r.nodeId().equals(n.id())));
        actions.add(new Action.SetStandby(n.id(), true, null, "ballast: hold empty " + n.id() + " in standby (standby tier " + count + " < min " + standbyMin + ")"));
        count++;
      }
    }
    Set<String> starting = new HashSet<>();
    actions.forEach(a -> {
      if (a instanceof Action.StartNode s) {
        starting.add(s.nodeId());
      }
    });
    List<NodeView> stopped = sorted.stream().filter(n -> n.state() == NodeState.STOPPED && !starting.contains(n.id()) && !removed.contains(n.id())).toList();
    long size = nodes.stream().filter(n -> n.state() != NodeState.GONE && n.state() != NodeState.DRAINING).count()
        - actions.stream().filter(a -> a instanceof Action.RemoveNode).count();
    for (int i = stopped.size() - 1; i >= stoppedMax && size > bounds.minNodes(); i--, size--) { // minNodes counts every tier: it wins over the ceiling
      actions.add(new Action.RemoveNode(stopped.get(i).id(), "ballast: delete stopped " + stopped.get(i).id() + " (stopped tier " + stopped.size() + " > max " + stoppedMax + ")"));
    }
    return holdStandbyFloor(pool, bounds, standbyMin, count, size, released, starting, actions);
  }

  /**
   * New nodes for what the standby tier still lacks once its empty nodes are tainted: nodes coming
   * up (or asked for or resumed in this plan) count toward it where the waiting pods, less those
   * the released standby nodes take, leave them empty.
   */
  private static Optional<Action.AddNodes> holdStandbyFloor(
      ClusterView pool, NodePool bounds, int standbyMin, int standbyNodes, long size, Set<String> released, Set<String> resumed, List<Action> actions) {
    if (standbyNodes >= standbyMin) {
      return Optional.empty();
    }
    int perNode = pool.catalog().nodeType(bounds.nodeTypeId()).gpuCount();
    long comingGpus = 0;
    long releasedGpus = 0;
    for (NodeView n : pool.nodes()) {
      if (n.state() == NodeState.PROVISIONING || n.state() == NodeState.STARTING || resumed.contains(n.id())) {
        comingGpus += n.gpusFree();
      } else if (released.contains(n.id())) {
        releasedGpus += n.gpusFree();
      }
    }
    for (Action a : actions) {
      if (a instanceof Action.AddNodes add) {
        comingGpus += (long) add.count() * perNode;
        size += add.count();
      }
    }
    long waitingGpus = pool.pods().stream().filter(p -> p.phase() == PodPhase.PENDING).mapToLong(TierBounds::gpus).sum();
    long spareComing = Math.max(0, comingGpus - Math.max(0, waitingGpus - releasedGpus)) / Math.max(1, perNode);
    long add = Math.min(standbyMin - standbyNodes - spareComing, bounds.maxNodes() - size);
    if (add <= 0) {
      return Optional.empty();
    }
    Action.AddNodes floor = new Action.AddNodes(bounds.id(), (int) add, "ballast: standby tier " + standbyNodes + " < min " + standbyMin
        + (spareComing > 0 ? " with " + spareComing + " spare node(s) coming up" : "") + " -> " + add + " new " + bounds.nodeTypeId() + " to hold in standby");
    actions.add(floor);
    return Optional.of(floor);
  }

  private static long gpus(PodView p) {
    return p.resources().requests().gpu().deviceCount();
  }
}
