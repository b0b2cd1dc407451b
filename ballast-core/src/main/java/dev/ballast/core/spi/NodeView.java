package dev.ballast.core.spi;

import java.time.Instant;
import java.util.Set;

/**
 * A node as a policy sees it.
 *
 * @param standby held ready but tainted so nothing lands on it, with models prefetched
 * @param gpusAllocated GPUs held by pods (whole-GPU accounting)
 * @param cachedModels models whose image and weights are on the node's disk
 * @param stateSince when the node entered its current state
 */
public record NodeView(
    String id,
    String nodeTypeId,
    String poolId,
    NodeState state,
    boolean standby,
    int gpuCount,
    int gpusAllocated,
    int podCount,
    Set<String> cachedModels,
    Instant stateSince) {

  public NodeView {
    cachedModels = Set.copyOf(cachedModels);
  }

  public int gpusFree() {
    return gpuCount - gpusAllocated;
  }

  public boolean schedulable() {
    return state == NodeState.READY && !standby;
  }
}
