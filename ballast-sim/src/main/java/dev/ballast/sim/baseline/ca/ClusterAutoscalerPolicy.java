package dev.ballast.sim.baseline.ca;

import dev.ballast.core.catalog.Catalog;
import dev.ballast.core.spi.Action;
import dev.ballast.core.spi.ClusterView;
import dev.ballast.core.spi.NodePool;
import dev.ballast.core.spi.NodeState;
import dev.ballast.core.spi.NodeView;
import dev.ballast.core.spi.Plan;
import dev.ballast.core.spi.PodView;
import dev.ballast.core.spi.Policy;
import dev.ballast.core.spi.PolicyInput;
import dev.ballast.sim.baseline.GpuSlots;
import dev.ballast.sim.baseline.ScaleUpOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Kubernetes Cluster Autoscaler (kubernetes/autoscaler cluster-autoscaler/FAQ.md): every scan
 * it adds nodes for pods that cannot be scheduled, after first counting on the nodes already
 * coming up, in the node group the least-waste expander picks; a node below the utilization
 * threshold whose pods fit elsewhere is removed after being unneeded for 10 minutes, never within 10
 * minutes of a scale-up (the unneeded clock keeps running through that cooldown); empty nodes go in
 * bulk, and a node with pods goes one at a time, only in a loop that removes no empty node.
 */
public final class ClusterAutoscalerPolicy implements Policy {
  /** Empty nodes deleted in one loop at most (--max-empty-bulk-delete, default 10). */
  static final int MAX_EMPTY_BULK_DELETE = 10;

  private final Duration scan;
  private final double unneededSeconds;
  private final double delayAfterAddSeconds;
  private final double threshold;
  private final Map<String, Double> unneededSince = new HashMap<>();
  private double lastScaleUp = Double.NEGATIVE_INFINITY;

  public ClusterAutoscalerPolicy(Duration scan, Duration unneeded, Duration delayAfterAdd, double threshold) {
    this.scan = scan;
    this.unneededSeconds = unneeded.toNanos() / 1e9;
    this.delayAfterAddSeconds = delayAfterAdd.toNanos() / 1e9;
    this.threshold = threshold;
  }

  @Override
  public String name() {
    return "ca";
  }

  @Override
  public Duration tickInterval() {
    return scan;
  }

  @Override
  public Plan decide(PolicyInput in) {
    double now = in.nowSeconds();
    List<Action> actions = new ArrayList<>(scaleUp(in.cluster()));
    if (!actions.isEmpty()) {
      lastScaleUp = now; // a loop that scales up does not look at scale-down
    } else {
      // unneeded timers run through the cooldown; only deletions wait for it (static_autoscaler.go RunOnce)
      actions.addAll(scaleDown(in.cluster(), now, now - lastScaleUp < delayAfterAddSeconds));
    }
    return actions.isEmpty() ? Plan.hold("ca: nothing to do") : new Plan(actions, "ca: " + actions.size() + " node actions");
  }

  private List<Action> scaleUp(ClusterView cluster) {
    List<Action> actions = new ArrayList<>();
    Map<String, Long> poolSize = GpuSlots.poolSizes(cluster);
    for (List<PodView> group : ScaleUpOptions.byShape(ScaleUpOptions.unhelped(cluster))) {
      ScaleUpOptions.Option best = null;
      for (ScaleUpOptions.Option o : ScaleUpOptions.options(group, cluster, poolSize)) {
        if (best == null || o.waste() < best.waste()) { // least-waste expander
          best = o;
        }
      }
      if (best != null) {
        poolSize.merge(best.pool().id(), (long) best.nodes(), Long::sum);
        actions.add(
            new Action.AddNodes(
                best.pool().id(),
                best.nodes(),
                String.format(
                    "ca: %d pods of %s unschedulable -> +%d %s (least waste %.0f%%)",
                    group.size(), group.get(0).gpuTypeId(), best.nodes(), best.pool().nodeTypeId(), best.waste() * 100)));
      }
    }
    return actions;
  }

  private Action removal(NodeView n, double unneededFor, int pods) {
    return new Action.RemoveNode(
        n.id(),
        String.format(
            "ca: %s unneeded for %.0f s (GPU utilization %.0f%% < %.0f%%, %d pods fit elsewhere)", n.id(), unneededFor, utilization(n) * 100, threshold * 100, pods));
  }

  private static double utilization(NodeView n) {
    return n.gpuCount() == 0 ? 0 : (double) n.gpusAllocated() / n.gpuCount();
  }

  private List<Action> scaleDown(ClusterView cluster, double now, boolean inCooldown) {
    Catalog catalog = cluster.catalog();
    List<NodeView> ready = cluster.nodes().stream().filter(n -> n.state() == NodeState.READY && !n.standby()).toList();
    Map<String, List<PodView>> podsOn = GpuSlots.podsByNode(cluster);
    Map<String, Long> poolSize = GpuSlots.poolSizes(cluster);
    Map<String, NodePool> pools = new HashMap<>();
    cluster.nodePools().forEach(p -> pools.put(p.id(), p));
    List<Action> actions = new ArrayList<>();
    NodeView nonEmpty = null;
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (NodeView n : ready) {
      seen.add(n.id());
      List<PodView> pods = podsOn.getOrDefault(n.id(), List.of());
      boolean unneeded = utilization(n) < threshold && GpuSlots.fitElsewhere(n, pods, ready, catalog);
      if (!unneeded) {
        unneededSince.remove(n.id());
        continue;
      }
      double since = unneededSince.computeIfAbsent(n.id(), k -> now);
      NodePool pool = pools.get(n.poolId());
      if (inCooldown || now - since < unneededSeconds || poolSize.getOrDefault(n.poolId(), 0L) <= pool.minNodes()) {
        continue;
      }
      if (pods.isEmpty() && actions.size() >= MAX_EMPTY_BULK_DELETE) {
        continue; // the rest wait for the next loop
      }
      if (!pods.isEmpty()) {
        nonEmpty = nonEmpty == null ? n : nonEmpty;
        continue;
      }
      poolSize.merge(n.poolId(), -1L, Long::sum);
      unneededSince.remove(n.id());
      actions.add(removal(n, now - since, 0));
    }
    // empty nodes go in bulk; a node with pods goes alone, in a loop that removes no empty one
    // (legacy ScaleDown.TryToScaleDown returns after deleting empty nodes), so its pods never
    // count on a node that goes in the same loop
    if (actions.isEmpty() && nonEmpty != null) {
      actions.add(removal(nonEmpty, now - unneededSince.remove(nonEmpty.id()), podsOn.get(nonEmpty.id()).size()));
    }
    unneededSince.keySet().retainAll(seen);
    return actions;
  }
}
