package dev.ballast.core.resources;

import java.util.Objects;

/**
 * A pod's request (what placement reserves) and limit (what the runtime enforces), kept apart as
 * Kubernetes keeps them. GPUs have no limit in Kubernetes itself; Ballast gives them one.
 */
public record ResourceRequirements(Resources requests, Resources limits) {

  public ResourceRequirements {
    Objects.requireNonNull(requests, "requests");
    Objects.requireNonNull(limits, "limits");
    if (limits.cpuMilli() != 0 && limits.cpuMilli() < requests.cpuMilli()) {
      throw new IllegalArgumentException(
          "CPU limit " + limits.cpuMilli() + "m is below the request " + requests.cpuMilli() + "m");
    }
    if (limits.memoryMiB() != 0 && limits.memoryMiB() < requests.memoryMiB()) {
      throw new IllegalArgumentException(
          "memory limit " + limits.memoryMiB() + "MiB is below the request " + requests.memoryMiB() + "MiB");
    }
  }

  /** Request equals limit: the Guaranteed QoS shape that GPU pods usually take. */
  public static ResourceRequirements guaranteed(Resources resources) {
    return new ResourceRequirements(resources, resources);
  }
}
