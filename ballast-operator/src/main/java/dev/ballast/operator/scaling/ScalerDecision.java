package dev.ballast.operator.scaling;

/**
 * What the operator decided for one InferenceScaler: the replicas it recommends, why, and whether
 * the metrics were usable (when not, it holds and says why).
 */
public record ScalerDecision(int currentReplicas, int recommendedReplicas, String reason, boolean metricsAvailable, String metricsMessage) {
  public boolean changes() {
    return recommendedReplicas != currentReplicas;
  }

  /**
   * With {@code extra} replicas more, at most {@code maxReplicas}, while replicas move off a node
   * being emptied: each waits for its replacement. A service scaled to zero needs no move. Not
   * bounded by {@code maxStep}: a replacement held back would keep its leaving replica, and the
   * node, until the move times out.
   */
  public ScalerDecision withMoves(int extra, int maxReplicas, String why) {
    if (extra <= 0 || recommendedReplicas == 0) {
      return this;
    }
    int moved = Math.max(recommendedReplicas, Math.min(maxReplicas, recommendedReplicas + extra));
    return new ScalerDecision(currentReplicas, moved, reason + "; +" + (moved - recommendedReplicas) + " while replicas move: " + why, metricsAvailable, metricsMessage);
  }

  /**
   * Holds instead of scaling down while replaced replicas wait to go and some replica is not Ready
   * yet: a ReplicaSet removes a replica that is not Ready before it looks at the deletion cost, so
   * it would remove a replacement still starting rather than the replaced one.
   */
  public ScalerDecision heldForRetiring(boolean retiring, int readyReplicas) {
    if (!retiring || recommendedReplicas >= currentReplicas || readyReplicas >= currentReplicas) {
      return this;
    }
    return new ScalerDecision(currentReplicas, currentReplicas,
        reason + "; holding at " + currentReplicas + " until all are Ready (" + readyReplicas + " now), so that the ReplicaSet removes the replaced replicas",
        metricsAvailable, metricsMessage);
  }
}
