package dev.ballast.operator.scaling;

/**
 * What the operator decided for one InferenceScaler: the replicas it recommends, why, and whether
 * the metrics were usable (when not, it holds and says why).
 */
public record ScalerDecision(int currentReplicas, int recommendedReplicas, String reason, boolean metricsAvailable, String metricsMessage) {
  public boolean changes() {
    return recommendedReplicas != currentReplicas;
  }
}
