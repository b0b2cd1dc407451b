package dev.ballast.sim.baseline.karpenter;

import dev.ballast.core.catalog.Catalog;
import dev.ballast.core.catalog.NodeType;
import dev.ballast.core.spi.ClusterView;
import dev.ballast.core.spi.NodePool;
import dev.ballast.core.spi.NodeState;
import dev.ballast.core.spi.NodeView;
import dev.ballast.core.spi.PodView;
import dev.ballast.sim.baseline.GpuSlots;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;

/**
 * The cluster as Karpenter's disruption controller sees it at one instant: its candidates (ready
 * nodes that are consolidatable), their pods, its disruption budget, and what each consolidation
 * method would do with them (kubernetes-sigs/karpenter pkg/controllers/disruption).
 */
final class DisruptionCandidates {
  static final int MULTI_NODE_BATCH = 100; // multinodeconsolidation.go: at most 100 candidates at once

  /**
   * How a set of nodes' pods can leave: onto the other nodes ({@code replacementPoolId} null, a
   * deletion), or onto them and one new node of that pool, cheaper than the nodes it replaces.
   */
  record Move(List<String> nodeIds, String replacementPoolId) {
    boolean replaces() {
      return replacementPoolId != null;
    }
  }

  private final Catalog catalog;
  private final List<NodeView> ready;
  private final Map<String, NodeView> candidates = new HashMap<>();
  private final Map<String, List<PodView>> podsOn;
  private final Map<String, Long> poolSize;
  private final List<NodePool> poolList;
  private final Map<String, NodePool> pools = new HashMap<>();
  private final long budget;

  /** {@code consolidatable} is asked of each ready node, with the pods on it. */
  DisruptionCandidates(ClusterView cluster, BiPredicate<NodeView, List<PodView>> consolidatable, double budgetPercent) {
    catalog = cluster.catalog();
    ready = cluster.nodes().stream().filter(NodeView::schedulable).toList();
    podsOn = GpuSlots.podsByNode(cluster);
    for (NodeView n : ready) {
      if (consolidatable.test(n, pods(n))) {
        candidates.put(n.id(), n);
      }
    }
    poolSize = GpuSlots.poolSizes(cluster);
    poolList = cluster.nodePools();
    poolList.forEach(p -> pools.put(p.id(), p));
    // helpers.go BuildDisruptionBudgetMapping: a share (rounded up) of the initialized nodes,
    // less those not ready or already being disrupted
    long initialized = cluster.nodes().stream().filter(n -> n.state() == NodeState.READY || n.state() == NodeState.DRAINING).count();
    long disrupting = cluster.nodes().stream().filter(n -> n.state() == NodeState.DRAINING).count();
    budget = Math.max(0, (long) Math.ceil(initialized * budgetPercent / 100.0) - disrupting);
  }

  NodeView candidate(String id) {
    return candidates.get(id);
  }

  List<PodView> pods(NodeView n) {
    return podsOn.getOrDefault(n.id(), List.of());
  }

  /** The candidates in node order, sorted by disruption cost: the pods they would move (types.go). */
  private List<NodeView> sorted() {
    List<NodeView> s = new ArrayList<>();
    for (NodeView n : ready) {
      if (candidates.containsKey(n.id())) {
        s.add(n);
      }
    }
    s.sort(Comparator.comparingInt(n -> pods(n).size()));
    return s;
  }

  /** In order, the nodes the budget and the pools' minimum sizes let go. */
  List<NodeView> withinBudget(List<NodeView> nodes) {
    long left = budget;
    Map<String, Long> size = new HashMap<>(poolSize);
    List<NodeView> out = new ArrayList<>();
    for (NodeView n : nodes) {
      if (left <= 0) {
        break;
      }
      if (size.getOrDefault(n.poolId(), 0L) <= pools.get(n.poolId()).minNodes()) {
        continue;
      }
      size.merge(n.poolId(), -1L, Long::sum);
      left--;
      out.add(n);
    }
    return out;
  }

  /** emptiness.go: the empty candidates the budget lets go. */
  List<String> empties() {
    return ids(withinBudget(sorted().stream().filter(n -> pods(n).isEmpty()).toList()));
  }

  /** multinodeconsolidation.go firstNConsolidationOption: the longest prefix, by binary search, that can move; null when none. */
  Move firstN() {
    List<NodeView> c = withinBudget(sorted());
    if (c.size() < 2) {
      return null;
    }
    int min = 1;
    int max = c.size() <= MULTI_NODE_BATCH ? c.size() - 1 : MULTI_NODE_BATCH;
    Move best = null;
    while (min <= max) {
      int mid = (min + max) / 2;
      Move m = move(c.subList(0, mid + 1));
      if (m != null) {
        best = m;
        min = mid + 1;
      } else {
        max = mid - 1;
      }
    }
    return best;
  }

  /** singlenodeconsolidation.go: the first candidate, by disruption cost, that can move; null when none. */
  Move single() {
    for (NodeView n : sorted()) {
      if (!withinBudget(List.of(n)).isEmpty()) {
        Move m = move(List.of(n));
        if (m != null) {
          return m;
        }
      }
    }
    return null;
  }

  /**
   * consolidation.go computeConsolidation: the pods of {@code nodes} fit on the other nodes (a
   * deletion), or on them and one new node of the cheapest type that is cheaper than the nodes
   * together and, where it is of a type being removed, cheaper than that node (multi-node's
   * filterOutSameType: else deleting the others alone would do); null when neither.
   */
  Move move(List<NodeView> nodes) {
    List<String> ids = ids(nodes);
    if (fits(nodes, null)) {
      return new Move(ids, null);
    }
    double removedUsdPerHour = 0;
    Map<String, Double> removedTypeUsd = new HashMap<>();
    for (NodeView n : nodes) {
      double usd = catalog.nodeType(n.nodeTypeId()).pricePerHour().usdPerHour();
      removedUsdPerHour += usd;
      removedTypeUsd.merge(n.nodeTypeId(), usd, Math::min);
    }
    List<NodePool> fitting = new ArrayList<>();
    double ceiling = removedUsdPerHour;
    for (NodePool pool : poolList) {
      NodeType type = catalog.nodeType(pool.nodeTypeId());
      if (type.pricePerHour().usdPerHour() < removedUsdPerHour && pool.maxNodes() > poolSize.getOrDefault(pool.id(), 0L) && fits(nodes, type)) {
        fitting.add(pool);
        ceiling = Math.min(ceiling, removedTypeUsd.getOrDefault(pool.nodeTypeId(), Double.POSITIVE_INFINITY));
      }
    }
    NodePool best = null;
    for (NodePool pool : fitting) {
      double usd = catalog.nodeType(pool.nodeTypeId()).pricePerHour().usdPerHour();
      if (usd < ceiling && (best == null || usd < catalog.nodeType(best.nodeTypeId()).pricePerHour().usdPerHour())) {
        best = pool;
      }
    }
    return best == null ? null : new Move(ids, best.id());
  }

  /** Whether the pods of {@code nodes} all fit, largest first, on the schedulable nodes outside them, and on one new node of {@code extra} if given. */
  boolean fits(List<NodeView> nodes, NodeType extra) {
    GpuSlots others = GpuSlots.of(ready, new HashSet<>(ids(nodes)), catalog);
    if (extra != null && extra.gpu() != null) {
      others.add("replacement", extra.gpu().id(), extra.gpuCount());
    }
    List<PodView> moving = new ArrayList<>();
    nodes.forEach(n -> moving.addAll(pods(n)));
    moving.sort(Comparator.comparingInt(GpuSlots::gpusOf).reversed());
    return others.placeAll(moving);
  }

  static List<String> ids(List<NodeView> nodes) {
    return nodes.stream().map(NodeView::id).toList();
  }
}
