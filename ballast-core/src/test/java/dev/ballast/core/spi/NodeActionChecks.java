package dev.ballast.core.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The safety rules every node plan keeps, checked on its actions; shared with the operator's tests through this module's test jar. */
public final class NodeActionChecks {
  private NodeActionChecks() {}

  /**
   * No node is acted on twice, and none holding pods is stopped, removed or tainted (resuming one,
   * or releasing it from standby, is not). Returns the pool's size once the actions are done.
   */
  public static long assertSafe(List<Action> actions, Map<String, NodeView> nodes) {
    Set<String> touched = new HashSet<>();
    long live = nodes.values().stream().filter(n -> n.state() != NodeState.GONE && n.state() != NodeState.DRAINING).count();
    for (Action a : actions) {
      String node = switch (a) {
        case Action.RemoveNode r -> r.nodeId();
        case Action.StopNode s -> s.nodeId();
        case Action.StartNode s -> s.nodeId();
        case Action.SetStandby s -> s.nodeId();
        default -> null;
      };
      if (node != null) {
        assertThat(touched.add(node)).as("%s acted on twice: %s", node, actions).isTrue();
        if (!(a instanceof Action.StartNode) && !(a instanceof Action.SetStandby sb && !sb.standby())) {
          assertThat(nodes.get(node).podCount()).as("%s holds pods: %s", node, a).isZero();
        }
      }
      if (a instanceof Action.RemoveNode) {
        live--;
      } else if (a instanceof Action.AddNodes add) {
        live += add.count();
      }
    }
    return live;
  }
}
