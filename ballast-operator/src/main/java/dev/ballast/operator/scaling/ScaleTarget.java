package dev.ballast.operator.scaling;

/** The scaled workload as observed: its kind and name, and replicas desired and ready. */
public record ScaleTarget(String kind, String name, int replicas, int readyReplicas) {}
