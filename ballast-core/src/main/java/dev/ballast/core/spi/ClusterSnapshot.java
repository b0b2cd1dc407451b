package dev.ballast.core.spi;

import dev.ballast.core.catalog.Catalog;
import dev.ballast.core.service.ServiceSpec;
import java.util.List;

/** A {@link ClusterView} held as values: what a host builds from what it observed. */
public record ClusterSnapshot(List<NodeView> nodes, List<PodView> pods, List<ServiceSpec> services, List<NodePool> nodePools, Catalog catalog)
    implements ClusterView {
  public ClusterSnapshot {
    nodes = List.copyOf(nodes);
    pods = List.copyOf(pods);
    services = List.copyOf(services);
    nodePools = List.copyOf(nodePools);
  }
}
