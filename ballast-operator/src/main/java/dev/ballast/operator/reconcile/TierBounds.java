package dev.ballast.operator.reconcile;

import dev.ballast.core.spi.Action;
import dev.ballast.core.spi.NodeState;
import dev.ballast.core.spi.NodeView;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Holds a pool's tiers within the bounds its spec sets, on top of the core's node plan. Standby:
 * the first {@code standby.min} standby nodes are kept from being stopped or removed, and empty
 * serving nodes are tainted into standby while the tier is short of it (the planner itself stops or
 * removes standby nodes that sit empty beyond that). Stopped: nodes beyond {@code stopped.max} are
 * removed even where the planner's slack would keep them, but never below the pool's {@code
 * minNodes}, which counts every tier.
 */
final class TierBounds {
  private TierBounds() {}

  static void apply(List<NodeView> nodes, int standbyMin, int stoppedMax, int minNodes, List<Action> actions) {
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
    for (int i = stopped.size() - 1; i >= stoppedMax && size > minNodes; i--, size--) { // minNodes counts every tier: it wins over the ceiling
      actions.add(new Action.RemoveNode(stopped.get(i).id(), "ballast: delete stopped " + stopped.get(i).id() + " (stopped tier " + stopped.size() + " > max " + stoppedMax + ")"));
    }
  }
}
