package dev.ballast.sim.baseline.karpenter;

import dev.ballast.core.catalog.Catalog;
import dev.ballast.core.catalog.NodeType;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Karpenter (kubernetes-sigs/karpenter): pending pods are batched (closed after 1 s without a new
 * one, 10 s at most), pods that in-flight nodes will take are left to them, and the rest get the
 * cheapest instance type that fits among those the NodePool allows (here: every pool's type).
 * Consolidation ({@code WhenEmptyOrUnderutilized}, {@code consolidateAfter: 0s}, a budget of 10 %
 * of nodes) is its disruption controller, {@link KarpenterDisruption}.
 */
public final class KarpenterPolicy implements Policy {
  private static final Duration TICK = Duration.ofSeconds(1);

  private final double idleSeconds;
  private final double maxSeconds;
  private final KarpenterDisruption disruption;
  private double batchStart = Double.NaN;
  private double lastNewPod = Double.NaN;
  private final Set<String> batchPods = new HashSet<>();

  public KarpenterPolicy(Duration idle, Duration max, Duration consolidateAfter, double budgetPercent) {
    this.idleSeconds = idle.toNanos() / 1e9;
    this.maxSeconds = max.toNanos() / 1e9;
    this.disruption = new KarpenterDisruption(consolidateAfter.toNanos() / 1e9, budgetPercent);
  }

  @Override
  public String name() {
    return "karpenter";
  }

  @Override
  public Duration tickInterval() {
    return TICK;
  }

  @Override
  public Plan decide(PolicyInput in) {
    double now = in.nowSeconds();
    ClusterView cluster = in.cluster();
    List<Action> actions = new ArrayList<>(provision(cluster, now));
    actions.addAll(disruption.decide(cluster, now, actions.isEmpty() && Double.isNaN(batchStart)));
    return actions.isEmpty() ? Plan.hold("karpenter: nothing to do") : new Plan(actions, "karpenter: " + actions.size() + " node actions");
  }

  private List<Action> provision(ClusterView cluster, double now) {
    Catalog catalog = cluster.catalog();
    GpuSlots inFlight = new GpuSlots();
    for (NodeView n : cluster.nodes()) {
      if (n.state() == NodeState.PROVISIONING || n.state() == NodeState.STARTING) {
        inFlight.add(n, catalog);
      }
    }
    List<PodView> needy = new ArrayList<>();
    for (PodView p : cluster.pendingPods()) {
      if (inFlight.place(p) == null) {
        needy.add(p);
      }
    }
    if (needy.isEmpty()) {
      batchStart = Double.NaN;
      batchPods.clear();
      return List.of();
    }
    if (Double.isNaN(batchStart)) {
      batchStart = now;
      lastNewPod = now;
    }
    for (PodView p : needy) {
      if (batchPods.add(p.id())) {
        lastNewPod = now;
      }
    }
    if (now - lastNewPod < idleSeconds && now - batchStart < maxSeconds) {
      return List.of(); // the batch is still open
    }
    batchStart = Double.NaN;
    batchPods.clear();
    Map<String, List<PodView>> byShape = new LinkedHashMap<>();
    needy.forEach(p -> byShape.computeIfAbsent(p.gpuTypeId() + "/" + GpuSlots.gpusOf(p), k -> new ArrayList<>()).add(p));
    Map<String, Long> poolSize = GpuSlots.poolSizes(cluster);
    List<Action> actions = new ArrayList<>();
    for (List<PodView> group : byShape.values()) {
      PodView first = group.get(0);
      int gpusPerPod = GpuSlots.gpusOf(first);
      NodePool best = null;
      int bestNodes = 0;
      double bestPrice = Double.POSITIVE_INFINITY;
      for (NodePool pool : cluster.nodePools()) {
        NodeType type = catalog.nodeType(pool.nodeTypeId());
        if (type.gpu() == null || !type.gpu().id().equals(first.gpuTypeId())) {
          continue;
        }
        int perNode = GpuSlots.podsPerNode(type, gpusPerPod);
        long room = pool.maxNodes() - poolSize.getOrDefault(pool.id(), 0L);
        if (perNode == 0 || room <= 0) {
          continue;
        }
        int nodes = (int) Math.min(room, (group.size() + perNode - 1) / perNode);
        double price = nodes * type.pricePerHour().usdPerHour();
        int placed = Math.min(group.size(), nodes * perNode);
        double perPod = price / placed;
        if (perPod < bestPrice) {
          best = pool;
          bestNodes = nodes;
          bestPrice = perPod;
        }
      }
      if (best != null) {
        poolSize.merge(best.id(), (long) bestNodes, Long::sum);
        actions.add(
            new Action.AddNodes(
                best.id(),
                bestNodes,
                String.format(
                    "karpenter: %d pending pods need %s -> %d x %s, cheapest fit at $%.2f/pod-hour",
                    group.size(), first.gpuTypeId(), bestNodes, best.nodeTypeId(), bestPrice)));
      }
    }
    return actions;
  }
}
