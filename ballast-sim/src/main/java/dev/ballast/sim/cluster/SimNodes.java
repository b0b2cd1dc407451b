package dev.ballast.sim.cluster;

import dev.ballast.core.catalog.Catalog;
import dev.ballast.core.catalog.NodeType;
import dev.ballast.core.spi.NodePool;
import dev.ballast.core.spi.NodeState;
import dev.ballast.sim.engine.EventKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleConsumer;
import java.util.function.UnaryOperator;

/**
 * The simulated cluster's nodes: their pools, their lifecycle (provisioning, ready, standby with a
 * model prefetched, stopped with the disk kept, starting again, gone) and what they have cost.
 * Pods on them are {@link SimCluster}'s; it is told when a node can take pods.
 */
final class SimNodes {
  private final Catalog catalog;
  private final Map<String, NodePool> pools = new LinkedHashMap<>();
  private final ClusterHost host;
  private final UnaryOperator<String> namer;
  private final DoubleConsumer roomChanged;
  private final List<SimNode> nodes = new ArrayList<>();
  private final List<SimNode> liveNodes = new ArrayList<>();

  /**
   * @param namer the next name for a prefix (shared with the pods, so every name is unique)
   * @param roomChanged told, with the time, when a node can newly take pods
   */
  SimNodes(Catalog catalog, List<NodePool> pools, ClusterHost host, UnaryOperator<String> namer, DoubleConsumer roomChanged) {
    this.catalog = catalog;
    pools.forEach(p -> this.pools.put(p.id(), p));
    this.host = host;
    this.namer = namer;
    this.roomChanged = roomChanged;
  }

  SimNode add(String poolId, double now, boolean ready, String cachedModel) {
    NodePool pool = pool(poolId);
    NodeType type = catalog.nodeType(pool.nodeTypeId());
    SimNode node = new SimNode(nodes.size(), namer.apply(pool.id()), type, pool, ready ? NodeState.READY : NodeState.PROVISIONING, now);
    nodes.add(node);
    liveNodes.add(node);
    if (cachedModel != null) {
      node.cachedImages.add(cachedModel);
      node.cachedWeights.add(cachedModel);
    }
    if (!ready) {
      double delay =
          type.startup().vmToReady().sampleSeconds(host.random()) + type.startup().gpuAllocatable().sampleSeconds(host.random());
      node.pendingEventSeq = host.schedule(now + delay, EventKind.NODE_READY.with(node.index));
    }
    return node;
  }

  long inPool(String poolId) {
    return liveNodes.stream().filter(n -> n.pool.id().equals(poolId) && n.state != NodeState.DRAINING).count();
  }

  void ready(int index, long seq, double now) {
    SimNode node = nodes.get(index);
    if (seq != node.pendingEventSeq) {
      return;
    }
    node.pendingEventSeq = -1;
    if (node.state == NodeState.PROVISIONING || node.state == NodeState.STARTING) {
      node.moveTo(NodeState.READY, now);
      roomChanged.accept(now);
    }
  }

  void prefetched(int index, long seq) {
    SimNode node = nodes.get(index);
    if (seq != node.pendingEventSeq || node.prefetchModel == null) {
      return;
    }
    node.pendingEventSeq = -1;
    node.cachedImages.add(node.prefetchModel);
    node.cachedWeights.add(node.prefetchModel);
    node.prefetchModel = null;
  }

  String stop(SimNode node, double now) {
    if (node.state != NodeState.READY || !node.pods.isEmpty()) {
      return "only an empty ready node can be stopped; " + node.id + " is " + node.state + " with " + node.pods.size() + " pods";
    }
    node.standby = false;
    node.pendingEventSeq = -1;
    node.moveTo(NodeState.STOPPED, now);
    return null;
  }

  String start(SimNode node, double now) {
    if (node.state != NodeState.STOPPED) {
      return "only a stopped node can be started; " + node.id + " is " + node.state;
    }
    node.moveTo(NodeState.STARTING, now);
    double delay = node.type.startup().resumeFromStopped().sampleSeconds(host.random());
    node.pendingEventSeq = host.schedule(now + delay, EventKind.NODE_READY.with(node.index));
    return null;
  }

  String setStandby(SimNode node, boolean standby, String modelId, double now, double prefetchSeconds) {
    if (node.state != NodeState.READY) {
      return "standby needs a ready node; " + node.id + " is " + node.state;
    }
    if (standby && !node.pods.isEmpty()) {
      return "standby needs an empty node; " + node.id + " runs " + node.pods.size() + " pods";
    }
    node.standby = standby;
    if (standby && modelId != null && !node.caches(modelId)) {
      node.prefetchModel = modelId;
      node.pendingEventSeq = host.schedule(now + prefetchSeconds, EventKind.NODE_PREFETCHED.with(node.index));
    }
    if (!standby) {
      roomChanged.accept(now);
    }
    return null;
  }

  void gone(SimNode node, double now) {
    node.pendingEventSeq = -1;
    node.moveTo(NodeState.GONE, now);
    liveNodes.remove(node);
  }

  NodePool pool(String id) {
    NodePool p = pools.get(id);
    if (p == null) {
      throw new IllegalArgumentException("unknown node pool '" + id + "'; known: " + String.join(", ", pools.keySet()));
    }
    return p;
  }

  List<NodePool> pools() {
    return List.copyOf(pools.values());
  }

  SimNode live(String id) {
    for (SimNode n : liveNodes) {
      if (n.id.equals(id)) {
        return n;
      }
    }
    return null;
  }

  List<SimNode> live() {
    return liveNodes;
  }

  List<SimNode> all() {
    return nodes;
  }

  double costUsd(double now) {
    double sum = 0;
    for (SimNode n : nodes) {
      sum += n.costUsd(now);
    }
    return sum;
  }

  double gpuSecondsPaid(double now) {
    double sum = 0;
    for (SimNode n : nodes) {
      sum += n.gpuSecondsPaid(now);
    }
    return sum;
  }
}
