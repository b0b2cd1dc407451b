package dev.ballast.core.capacity;

import dev.ballast.core.catalog.Catalog;
import dev.ballast.core.catalog.NodeType;
import dev.ballast.core.spi.Action;
import dev.ballast.core.spi.ClusterView;
import dev.ballast.core.spi.NodePool;
import dev.ballast.core.spi.NodeState;
import dev.ballast.core.spi.NodeView;
import dev.ballast.core.spi.PodPhase;
import dev.ballast.core.spi.PodView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The node half of Ballast's capacity decision, for every pool at once. Replicas waiting for a
 * GPU get one from the fastest tier that has it: a standby node (released now), a stopped node
 * (resumed, caches kept), and only then new nodes, of the pool with the cheapest GPU-hour that has
 * room (the next one for the rest). Empty nodes are stopped (after prefetching the pool's model
 * when they lack it) while the stopped tier is below its target, and deleted otherwise; stopped
 * nodes beyond the target are deleted.
 */
public final class NodePlanner {
  private final Map<String, Double> emptySince = new HashMap<>();

  /**
   * @param stoppedTargetNodes per pool: how many nodes to keep stopped
   * @param prefetchModel per pool: the model an empty node should cache before it is stopped
   * @param allowShrink false while any service's metrics are stale: never remove capacity blind
   */
  public List<Action> plan(
      ClusterView cluster,
      Map<String, Integer> stoppedTargetNodes,
      Map<String, String> prefetchModel,
      double now,
      double idleGraceSeconds,
      boolean allowShrink) {
    return plan(cluster, Map.of(), stoppedTargetNodes, prefetchModel, now, idleGraceSeconds, allowShrink);
  }

  /**
   * As above, with {@code startingGpus} (per GPU type) that replicas asked for in this same
   * decision will need: they get nodes now rather than a tick later, stopped ones first.
   */
  public List<Action> plan(
      ClusterView cluster,
      Map<String, Integer> startingGpus,
      Map<String, Integer> stoppedTargetNodes,
      Map<String, String> prefetchModel,
      double now,
      double idleGraceSeconds,
      boolean allowShrink) {
    Catalog catalog = cluster.catalog();
    List<Action> actions = new ArrayList<>();
    Map<String, Integer> deficit = pendingDeficit(cluster, catalog, startingGpus);
    Map<String, NodePool> pools = new LinkedHashMap<>();
    cluster.nodePools().forEach(p -> pools.put(p.id(), p));
    Map<String, Long> poolSize = new HashMap<>();
    Map<String, Integer> stopped = new HashMap<>();
    for (NodeView n : cluster.nodes()) {
      if (n.state() != NodeState.GONE && n.state() != NodeState.DRAINING) {
        poolSize.merge(n.poolId(), 1L, Long::sum);
      }
      if (n.state() == NodeState.STOPPED) {
        stopped.merge(n.poolId(), 1, Integer::sum);
      }
    }
    List<NodeView> nodes = new ArrayList<>(cluster.nodes());
    nodes.sort(Comparator.comparing(NodeView::id));
    java.util.Set<String> resumed = new java.util.HashSet<>();

    // 1. replicas waiting for a GPU: standby first, then stopped, then new nodes
    for (Map.Entry<String, Integer> e : deficit.entrySet()) {
      String gpu = e.getKey();
      int need = e.getValue();
      for (NodeView n : nodes) {
        if (need <= 0) {
          break;
        }
        if (n.state() == NodeState.READY && n.standby() && gpu.equals(gpuOf(n, catalog))) {
          actions.add(new Action.SetStandby(n.id(), false, null, "ballast: release standby " + n.id() + " for " + need + " waiting GPUs of " + gpu));
          need -= n.gpuCount();
        }
      }
      for (NodeView n : nodes) {
        if (need <= 0) {
          break;
        }
        if (n.state() == NodeState.STOPPED && gpu.equals(gpuOf(n, catalog))) {
          actions.add(new Action.StartNode(n.id(), "ballast: resume stopped " + n.id() + " (caches " + n.cachedModels() + ") for " + need + " waiting GPUs of " + gpu));
          resumed.add(n.id());
          stopped.merge(n.poolId(), -1, Integer::sum);
          need -= n.gpuCount();
        }
      }
      while (need > 0) { // the cheapest pool with room, then the next one for what it cannot hold
        NodePool best = cheapestPool(pools.values(), gpu, catalog, poolSize);
        if (best == null) {
          break;
        }
        NodeType type = catalog.nodeType(best.nodeTypeId());
        int count = (int) Math.min(best.maxNodes() - poolSize.getOrDefault(best.id(), 0L), (need + type.gpuCount() - 1) / type.gpuCount());
        poolSize.merge(best.id(), (long) count, Long::sum);
        actions.add(new Action.AddNodes(best.id(), count, "ballast: " + need + " waiting GPUs of " + gpu + " and no standby or stopped node left -> " + count + " new " + best.nodeTypeId()));
        need -= count * type.gpuCount();
      }
    }

    // 2. empty nodes: stop (prefetching first if needed) up to the stopped target, else delete
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (NodeView n : nodes) {
      boolean empty = n.state() == NodeState.READY && n.podCount() == 0;
      if (!empty) {
        continue;
      }
      seen.add(n.id());
      double since = emptySince.computeIfAbsent(n.id(), k -> now);
      String gpu = gpuOf(n, catalog);
      if (!allowShrink || deficit.getOrDefault(gpu, 0) > 0 || now - since < idleGraceSeconds) {
        continue;
      }
      int target = stoppedTargetNodes.getOrDefault(n.poolId(), 0);
      String model = prefetchModel.get(n.poolId());
      boolean cached = model == null || n.cachedModels().contains(model);
      if (stopped.getOrDefault(n.poolId(), 0) < target) {
        if (cached) {
          actions.add(new Action.StopNode(n.id(), "ballast: stop empty " + n.id() + " keeping its disk (stopped tier " + stopped.getOrDefault(n.poolId(), 0) + " < " + target + ")"));
          stopped.merge(n.poolId(), 1, Integer::sum);
        } else if (!n.standby()) {
          actions.add(new Action.SetStandby(n.id(), true, model, "ballast: prefetch " + model + " on empty " + n.id() + " before stopping it"));
        }
      } else if (poolSize.getOrDefault(n.poolId(), 0L) > pools.get(n.poolId()).minNodes()) {
        actions.add(new Action.RemoveNode(n.id(), "ballast: delete empty " + n.id() + " (stopped tier full at " + target + ")"));
        poolSize.merge(n.poolId(), -1L, Long::sum);
      }
    }
    emptySince.keySet().retainAll(seen);

    // 3. stopped nodes beyond the target (and its slack) go, but never below the pool's minimum,
    // nor one being resumed for a waiting replica
    if (allowShrink) {
      for (NodeView n : nodes) {
        int target = stoppedTargetNodes.getOrDefault(n.poolId(), 0);
        if (n.state() == NodeState.STOPPED && !resumed.contains(n.id()) && stopped.getOrDefault(n.poolId(), 0) > target + slack(target)
            && poolSize.getOrDefault(n.poolId(), 0L) > pools.get(n.poolId()).minNodes()) {
          actions.add(new Action.RemoveNode(n.id(), "ballast: delete stopped " + n.id() + " beyond the stopped tier of " + stoppedTargetNodes.getOrDefault(n.poolId(), 0)));
          stopped.merge(n.poolId(), -1, Integer::sum);
          poolSize.merge(n.poolId(), -1L, Long::sum);
        }
      }
    }
    return actions;
  }

  /**
   * Surge insurance: new nodes for each pool whose stopped tier, counting the empty nodes that will
   * join it and those coming up, is below {@code insuredNodes}. They come up, cache the pool's model
   * and stop ({@link #plan}'s second step), to cost disk alone until a surge resumes them. Nothing
   * is added for a pool whose GPU type has replicas waiting: those nodes are theirs.
   *
   * @param insuredNodes per pool: stopped nodes to hold whatever the recent peak was
   */
  public static List<Action> insure(ClusterView cluster, Map<String, Integer> startingGpus, Map<String, Integer> insuredNodes) {
    Catalog catalog = cluster.catalog();
    Map<String, Integer> deficit = pendingDeficit(cluster, catalog, startingGpus);
    List<Action> actions = new ArrayList<>();
    for (NodePool pool : cluster.nodePools()) {
      int want = insuredNodes.getOrDefault(pool.id(), 0);
      NodeType type = catalog.nodeType(pool.nodeTypeId());
      String gpu = type.gpu() == null ? "" : type.gpu().id();
      if (want <= 0 || deficit.getOrDefault(gpu, 0) > 0) {
        continue;
      }
      long size = 0;
      int resting = 0;
      for (NodeView n : cluster.nodes()) {
        if (!n.poolId().equals(pool.id()) || n.state() == NodeState.GONE || n.state() == NodeState.DRAINING) {
          continue;
        }
        size++;
        boolean coming = n.state() == NodeState.PROVISIONING || n.state() == NodeState.STARTING;
        if (n.state() == NodeState.STOPPED || coming || (n.state() == NodeState.READY && n.podCount() == 0)) {
          resting++;
        }
      }
      int add = (int) Math.min(want - resting, pool.maxNodes() - size);
      if (add > 0) {
        actions.add(new Action.AddNodes(pool.id(), add, "ballast: surge insurance: " + resting + " of " + want + " nodes stopped or on their way -> " + add + " new " + pool.nodeTypeId() + " to stop with the model cached"));
      }
    }
    return actions;
  }

  /** GPUs that pending pods need beyond what nodes already coming up will offer, per GPU type. */
  static Map<String, Integer> pendingDeficit(ClusterView cluster, Catalog catalog, Map<String, Integer> startingGpus) {
    Map<String, Integer> deficit = new LinkedHashMap<>(startingGpus);
    for (PodView p : cluster.pods()) {
      if (p.phase() == PodPhase.PENDING) {
        deficit.merge(p.gpuTypeId(), p.resources().requests().gpu().deviceCount(), Integer::sum);
      }
    }
    for (NodeView n : cluster.nodes()) {
      boolean coming = n.state() == NodeState.PROVISIONING || n.state() == NodeState.STARTING;
      boolean freeNow = n.schedulable() && !startingGpus.isEmpty(); // new replicas may still bind to free GPUs
      if (coming || freeNow) {
        deficit.computeIfPresent(gpuOf(n, catalog), (k, v) -> v - n.gpusFree());
      }
    }
    deficit.values().removeIf(v -> v <= 0);
    return deficit;
  }

  /** Stopped nodes beyond their target by no more than this stay: the target moves with demand, node churn costs. */
  static int slack(int target) {
    return Math.max(1, (int) Math.ceil(0.1 * target));
  }

  static String gpuOf(NodeView n, Catalog catalog) {
    NodeType t = catalog.nodeType(n.nodeTypeId());
    return t.gpu() == null ? "" : t.gpu().id();
  }

  private static NodePool cheapestPool(Iterable<NodePool> pools, String gpu, Catalog catalog, Map<String, Long> size) {
    NodePool best = null;
    double bestPrice = Double.POSITIVE_INFINITY;
    for (NodePool p : pools) {
      NodeType t = catalog.nodeType(p.nodeTypeId());
      if (t.gpu() == null || !t.gpu().id().equals(gpu) || size.getOrDefault(p.id(), 0L) >= p.maxNodes()) {
        continue;
      }
      if (t.usdPerGpuSecond() < bestPrice) {
        best = p;
        bestPrice = t.usdPerGpuSecond();
      }
    }
    return best;
  }
}
