package dev.ballast.core.spi;

import dev.ballast.core.catalog.Catalog;
import dev.ballast.core.service.ServiceSpec;
import java.util.List;

/**
 * The cluster as a policy sees it at one instant: nodes, pods, the services to serve, the node
 * pools it may grow, and the catalog of what can be bought. A snapshot, never a live handle.
 */
public interface ClusterView {

  List<NodeView> nodes();

  List<PodView> pods();

  List<ServiceSpec> services();

  List<NodePool> nodePools();

  Catalog catalog();

  default List<PodView> pods(String serviceId) {
    return pods().stream().filter(p -> p.serviceId().equals(serviceId)).toList();
  }

  default List<PodView> pendingPods() {
    return pods().stream().filter(p -> p.phase() == PodPhase.PENDING).toList();
  }
}
