package dev.ballast.sim.baseline.hpa;

import java.util.List;

/**
 * One direction of an HPA {@code spec.behavior}: how policies combine, the stabilization window
 * and the rate policies. Defaults from kubernetes pkg/apis/autoscaling/v2/defaults.go.
 */
public record ScalingRules(Select select, Integer stabilizationWindowSeconds, List<RatePolicy> policies) {

  public enum Select {
    MAX,
    MIN,
    DISABLED
  }

  public enum PolicyType {
    PODS,
    PERCENT
  }

  public record RatePolicy(PolicyType type, int value, int periodSeconds) {}

  public ScalingRules {
    policies = List.copyOf(policies);
  }

  /** Scale-up default: no window; the larger of +100 % and +4 pods per 15 s. */
  public static ScalingRules defaultUp() {
    return new ScalingRules(
        Select.MAX, 0, List.of(new RatePolicy(PolicyType.PODS, 4, 15), new RatePolicy(PolicyType.PERCENT, 100, 15)));
  }

  /** Scale-down default: the controller's 300 s window; −100 % per 15 s. */
  public static ScalingRules defaultDown() {
    return new ScalingRules(Select.MAX, null, List.of(new RatePolicy(PolicyType.PERCENT, 100, 15)));
  }

  int longestPeriodSeconds() {
    return policies.stream().mapToInt(RatePolicy::periodSeconds).max().orElse(0);
  }
}
