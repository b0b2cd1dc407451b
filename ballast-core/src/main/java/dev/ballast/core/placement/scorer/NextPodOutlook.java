package dev.ballast.core.placement.scorer;

import dev.ballast.core.placement.Fragmentation;
import dev.ballast.core.placement.NodeResources;
import dev.ballast.core.placement.NodeStateMemo;
import dev.ballast.core.placement.PodShape;
import dev.ballast.core.placement.TypicalPods;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One pod further ahead than FGD. For each typical pod, the least fragmentation increase it could
 * find anywhere on the cluster now: where FGD itself would put it next. Placing the pod at hand on
 * a node changes that node's offers only, so {@link #nextPodCost} says how much worse (or better)
 * the next typical pod's best placement becomes, weighted by how often each shape arrives. A node
 * that is the only good home of a common shape is then kept for it.
 *
 * <p>Kept current node by node: {@link #refresh} recomputes only the nodes whose resources changed
 * since the last pod, and node states are remembered, since nodes of one type in one state offer
 * the same.
 */
final class NextPodOutlook {
  /**
   * A node state: its fragmentation, and for each typical pod the fragmentation increase of
   * placing it there (infinite where it does not fit).
   */
  record NodeState(double fragmentation, double[] increase) {}

  /** A node as last refreshed, and the states pods of each shape would leave it in (kept until it changes). */
  private record Seen(long version, NodeState state, Map<Long, NodeState[]> after) {}

  private final Fragmentation fragmentation;
  private final List<TypicalPods.Entry> typical;
  private final NodeStateMemo<NodeState> states = new NodeStateMemo<>(1_000_000, this::compute);
  private final Map<NodeResources, Seen> nodes = new IdentityHashMap<>();
  /** Per typical pod, how many nodes offer each increase: the best two are what matter. */
  private TreeMap<Double, Integer>[] offers;
  private double[] best;
  private double[] secondBest;
  private double expectedBest;

  NextPodOutlook(Fragmentation fragmentation) {
    this.fragmentation = fragmentation;
    this.typical = fragmentation.typical().entries();
  }

  /** Brings the outlook up to {@code cluster} before a pod is scored on it. */
  @SuppressWarnings("unchecked")
  void refresh(List<NodeResources> cluster) {
    int k = typical.size();
    if (cluster.isEmpty()) { // nothing to weigh: no outlook
      nodes.clear();
      offers = null;
      best = null;
      return;
    }
    if (offers == null || nodes.size() != cluster.size()) {
      nodes.clear();
      offers = new TreeMap[k];
      for (int p = 0; p < k; p++) {
        offers[p] = new TreeMap<>();
      }
    }
    for (NodeResources n : cluster) {
      Seen seen = nodes.get(n);
      if (seen != null && seen.version() == n.version()) {
        continue;
      }
      NodeState now = state(n.gpuType(), n.cpuMilliLeft(), n.gpuMilliLeft());
      for (int p = 0; p < k; p++) {
        if (seen != null) {
          offers[p].merge(seen.state().increase()[p], -1, (a, b) -> a + b == 0 ? null : a + b);
        }
        offers[p].merge(now.increase()[p], 1, Integer::sum);
      }
      nodes.put(n, new Seen(n.version(), now, new HashMap<>()));
    }
    if (nodes.size() != cluster.size()) { // a node left and another came: start over
      offers = null;
      refresh(cluster);
      return;
    }
    best = new double[k];
    secondBest = new double[k];
    expectedBest = 0;
    for (int p = 0; p < k; p++) {
      var first = offers[p].firstEntry();
      best[p] = first.getKey();
      Double next = offers[p].higherKey(first.getKey());
      secondBest[p] = first.getValue() > 1 ? first.getKey() : next == null ? Double.POSITIVE_INFINITY : next;
      expectedBest += typical.get(p).share() * finite(best[p]);
    }
  }

  /**
   * How much the next typical pod's expected fragmentation increase, at its best node, grows when
   * a node now in state {@code now} turns into {@code after} (negative: the change offers it a
   * better home). Zero before the first {@link #refresh}.
   */
  double nextPodCost(NodeState now, NodeState after) {
    if (best == null) {
      return 0;
    }
    double expected = 0;
    for (int p = 0; p < best.length; p++) {
      boolean onlyHere = now.increase()[p] == best[p] && secondBest[p] != best[p];
      double elsewhere = onlyHere ? secondBest[p] : best[p];
      expected += typical.get(p).share() * finite(Math.min(elsewhere, after.increase()[p]));
    }
    return expected - expectedBest;
  }

  /** The state of {@code node}: as last refreshed, else computed now. */
  NodeState stateOf(NodeResources node) {
    Seen seen = nodes.get(node);
    return seen != null && seen.version() == node.version() ? seen.state() : state(node.gpuType(), node.cpuMilliLeft(), node.gpuMilliLeft());
  }

  /** A node's state now and the states a pod would leave it in. */
  record Move(NodeState now, NodeState[] after) {}

  /**
   * {@code node} now, and the states it would be in after {@code pod}: for a GPU fraction one per
   * GPU (null where it does not fit), for whole GPUs one, the fully free GPUs taken first.
   */
  Move move(NodeResources node, PodShape pod) {
    Seen seen = nodes.get(node);
    if (seen == null || seen.version() != node.version()) {
      return new Move(state(node.gpuType(), node.cpuMilliLeft(), node.gpuMilliLeft()), computeAfter(node, pod));
    }
    long shape = pod.cpuMilli() << 24 | (long) pod.gpuCount() << 12 | pod.gpuMilli();
    return new Move(seen.state(), seen.after().computeIfAbsent(shape, k -> computeAfter(node, pod)));
  }

  private NodeState[] computeAfter(NodeResources node, PodShape pod) {
    int[] left = node.gpuMilliLeft();
    long cpuAfter = node.cpuMilliLeft() - pod.cpuMilli();
    if (!pod.sharesGpu()) {
      return new NodeState[] {state(node.gpuType(), cpuAfter, Placements.afterPacking(pod, left))};
    }
    NodeState[] out = new NodeState[left.length];
    for (int g = 0; g < left.length; g++) {
      if (left[g] >= pod.gpuMilli()) {
        left[g] -= pod.gpuMilli();
        out[g] = state(node.gpuType(), cpuAfter, left);
        left[g] += pod.gpuMilli();
      }
    }
    return out;
  }

  /** A node of {@code gpuType} with this CPU and these GPUs left. */
  NodeState state(String gpuType, long cpuLeft, int[] gpuLeft) {
    return states.get(gpuType, cpuLeft, gpuLeft);
  }

  private NodeState compute(String gpuType, long cpuLeft, int[] left) {
    double before = fragmentation.of(gpuType, cpuLeft, left);
    double[] increase = new double[typical.size()];
    for (int p = 0; p < increase.length; p++) {
      PodShape s = typical.get(p).shape();
      increase[p] = Double.POSITIVE_INFINITY;
      if (s.cpuMilli() > cpuLeft || !fitsGpus(s, gpuType, left)) {
        continue;
      }
      long cpuAfter = cpuLeft - s.cpuMilli();
      if (s.sharesGpu()) {
        int[] after = left.clone();
        for (int g = 0; g < after.length; g++) {
          if (after[g] >= s.gpuMilli()) {
            after[g] -= s.gpuMilli();
            increase[p] = Math.min(increase[p], fragmentation.of(gpuType, cpuAfter, after) - before);
            after[g] += s.gpuMilli();
          }
        }
      } else {
        increase[p] = fragmentation.of(gpuType, cpuAfter, Placements.afterPacking(s, left)) - before;
      }
    }
    return new NodeState(before, increase);
  }

  private static boolean fitsGpus(PodShape s, String gpuType, int[] left) {
    if (s.gpuCount() == 0) {
      return true;
    }
    if (left.length == 0 || !s.allows(gpuType)) {
      return false;
    }
    int hosts = 0;
    for (int g : left) {
      if (g >= s.gpuMilli()) {
        hosts++;
      }
    }
    return hosts >= s.gpuCount();
  }

  /**
   * A typical pod that fits nowhere adds nothing further: its loss is already in the fragmentation
   * of the node that was its home (there all free GPU counts as fragment for it). Charging its GPU
   * demand on top changed nothing measurable (docs/results.md).
   */
  private static double finite(double increase) {
    return Double.isInfinite(increase) ? 0 : increase;
  }
}
