package dev.ballast.sim.baseline;

import dev.ballast.core.catalog.Catalog;
import dev.ballast.core.catalog.NodeType;
import dev.ballast.core.spi.ClusterView;
import dev.ballast.core.spi.NodePool;
import dev.ballast.core.spi.NodeState;
import dev.ballast.core.spi.NodeView;
import dev.ballast.core.spi.PodView;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the node autoscalers share when they scale up: the pending pods that nodes already coming
 * up will not take, grouped by shape, and for each group the nodes each pool would add. Each
 * autoscaler picks among the options by its own rule (Cluster Autoscaler's least-waste expander,
 * Karpenter's cheapest fit).
 */
public final class ScaleUpOptions {
  private ScaleUpOptions() {}

  /** Adding {@code nodes} nodes to {@code pool} for a group of pods, {@code placed} of which fit on them. */
  public record Option(NodePool pool, NodeType type, int nodes, int placed, int gpusPerPod) {
    /** Share of the added GPUs the group leaves unused. */
    public double waste() {
      return 1.0 - (double) placed * gpusPerPod / ((double) nodes * type.gpuCount());
    }

    public double usdPerPodHour() {
      return nodes * type.pricePerHour().usdPerHour() / placed;
    }
  }

  /** Pending pods, in order, that the nodes already provisioning or starting will not take. */
  public static List<PodView> unhelped(ClusterView cluster) {
    Catalog catalog = cluster.catalog();
    GpuSlots upcoming = new GpuSlots();
    for (NodeView n : cluster.nodes()) {
      if (n.state() == NodeState.PROVISIONING || n.state() == NodeState.STARTING) {
        upcoming.add(n, catalog);
      }
    }
    List<PodView> left = new ArrayList<>();
    for (PodView p : cluster.pendingPods()) {
      if (upcoming.place(p) == null) {
        left.add(p);
      }
    }
    return left;
  }

  /** The pods grouped by GPU type and count, each group in order. */
  public static Collection<List<PodView>> byShape(List<PodView> pods) {
    Map<String, List<PodView>> groups = new LinkedHashMap<>();
    pods.forEach(p -> groups.computeIfAbsent(p.gpuTypeId() + "/" + GpuSlots.gpusOf(p), k -> new ArrayList<>()).add(p));
    return groups.values();
  }

  /** For one group, every pool of its GPU type with room, in pool order; {@code poolSize} counts what each pool has. */
  public static List<Option> options(List<PodView> group, ClusterView cluster, Map<String, Long> poolSize) {
    PodView first = group.get(0);
    int gpusPerPod = GpuSlots.gpusOf(first);
    List<Option> options = new ArrayList<>();
    for (NodePool pool : cluster.nodePools()) {
      NodeType type = cluster.catalog().nodeType(pool.nodeTypeId());
      if (type.gpu() == null || !type.gpu().id().equals(first.gpuTypeId())) {
        continue;
      }
      int perNode = GpuSlots.podsPerNode(type, gpusPerPod);
      long room = pool.maxNodes() - poolSize.getOrDefault(pool.id(), 0L);
      if (perNode == 0 || room <= 0) {
        continue;
      }
      int nodes = (int) Math.min(room, (group.size() + perNode - 1) / perNode);
      options.add(new Option(pool, type, nodes, Math.min(group.size(), nodes * perNode), gpusPerPod));
    }
    return options;
  }
}
