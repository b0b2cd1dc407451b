package dev.ballast.sim.baseline.kpa;

/**
 * A KPA decider's spec (knative/serving pkg/autoscaler/scaling/autoscaler.go DeciderSpec).
 *
 * @param targetValue metric per pod to aim for (container concurrency target × utilization)
 * @param totalValue per-pod capacity, used for burst capacity
 * @param targetBurstCapacity spare capacity to keep before the activator leaves the path (-1 unlimited)
 * @param panicThreshold ratio of panic-window demand to ready pods that triggers panic
 * @param scaleDownDelaySeconds how long a scale-down waits for a higher recommendation (0 = none)
 */
public record DeciderSpec(
    double targetValue,
    double totalValue,
    double targetBurstCapacity,
    double panicThreshold,
    double maxScaleUpRate,
    double maxScaleDownRate,
    double stableWindowSeconds,
    double scaleDownDelaySeconds,
    boolean reachable,
    int activationScale) {}
