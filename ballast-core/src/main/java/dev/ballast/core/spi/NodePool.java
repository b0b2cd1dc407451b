package dev.ballast.core.spi;

import java.util.Objects;

/**
 * A group of nodes of one type that an autoscaler may grow and shrink (a Cluster Autoscaler node
 * group, a Karpenter NodePool restricted to one instance type, a Cluster API MachineDeployment).
 */
public record NodePool(String id, String nodeTypeId, int minNodes, int maxNodes) {
  public NodePool {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(nodeTypeId, "nodeTypeId");
    if (minNodes < 0 || maxNodes < minNodes) {
      throw new IllegalArgumentException("node pool " + id + ": need 0 <= minNodes <= maxNodes");
    }
  }
}
