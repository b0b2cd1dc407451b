package dev.ballast.sim.run;

import dev.ballast.core.catalog.Catalog;
import dev.ballast.core.service.ServiceSpec;
import dev.ballast.core.spi.ClusterView;
import dev.ballast.core.spi.NodePool;
import dev.ballast.core.spi.NodeView;
import dev.ballast.core.spi.PodView;
import dev.ballast.sim.cluster.SimCluster;
import dev.ballast.sim.cluster.SimNode;
import dev.ballast.sim.cluster.SimPod;
import dev.ballast.sim.engine.VirtualClock;
import java.util.ArrayList;
import java.util.List;

/** The twin's cluster as a policy sees it (its ClusterView port): an immutable snapshot built on first use. */
public final class TwinSnapshot implements ClusterView {
  private final SimCluster cluster;
  private final VirtualClock clock;
  private List<NodeView> nodes;
  private List<PodView> pods;

  public TwinSnapshot(SimCluster cluster, VirtualClock clock) {
    this.cluster = cluster;
    this.clock = clock;
  }

  @Override
  public List<NodeView> nodes() {
    if (nodes == null) {
      List<NodeView> list = new ArrayList<>(cluster.liveNodes().size());
      for (SimNode n : cluster.liveNodes()) {
        list.add(
            new NodeView(
                n.id(),
                n.type().id(),
                n.pool().id(),
                n.state(),
                n.standby(),
                n.type().gpuCount(),
                n.gpusAllocated(),
                n.pods().size(),
                n.cachedModels(),
                clock.toInstant(n.stateSince())));
      }
      nodes = List.copyOf(list);
    }
    return nodes;
  }

  @Override
  public List<PodView> pods() {
    if (pods == null) {
      List<PodView> list = new ArrayList<>(cluster.livePods().size());
      for (SimPod p : cluster.livePods()) {
        list.add(
            new PodView(
                p.id(),
                cluster.services().get(p.service()).id(),
                p.node() == null ? null : p.node().id(),
                p.gpuTypeId(),
                p.phase(),
                p.resources(),
                clock.toInstant(p.phaseSince())));
      }
      pods = List.copyOf(list);
    }
    return pods;
  }

  @Override
  public List<ServiceSpec> services() {
    return cluster.services();
  }

  @Override
  public List<NodePool> nodePools() {
    return cluster.pools();
  }

  @Override
  public Catalog catalog() {
    return cluster.catalog();
  }
}
