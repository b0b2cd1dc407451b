package dev.ballast.core.placement.sharing;

import java.util.Objects;

/**
 * One pod's claim on one GPU, in Dynamic Resource Allocation terms a request on a device's
 * capacity: compute in milli-GPU and memory in MiB, each with a request (what placement reserves)
 * and a limit (what the runtime enforces, via MPS or the MIG partition).
 */
public record GpuClaim(
    String pod, Isolation isolation, int computeMilliRequest, int computeMilliLimit, long memoryMibRequest, long memoryMibLimit, boolean acceptsTimeSlicing) {
  public GpuClaim {
    Objects.requireNonNull(pod, "pod");
    Objects.requireNonNull(isolation, "isolation");
    if (computeMilliRequest < 0 || computeMilliRequest > 1000 || computeMilliLimit < computeMilliRequest || computeMilliLimit > 1000) {
      throw new IllegalArgumentException(
          "claim of " + pod + ": need 0 <= compute request <= limit <= 1000 milli-GPU, got " + computeMilliRequest + " / " + computeMilliLimit);
    }
    if (memoryMibRequest < 0 || memoryMibLimit < memoryMibRequest) {
      throw new IllegalArgumentException("claim of " + pod + ": need 0 <= memory request <= limit, got " + memoryMibRequest + " / " + memoryMibLimit + " MiB");
    }
    if (isolation instanceof Isolation.TimeSliced && !acceptsTimeSlicing) {
      throw new IllegalArgumentException("claim of " + pod + ": time-slicing isolates neither memory nor faults; the pod must accept it");
    }
  }

  /** A whole GPU, exclusively. */
  public static GpuClaim whole(String pod) {
    return new GpuClaim(pod, Isolation.exclusive(), 1000, 1000, 0, Long.MAX_VALUE / 4, false);
  }
}
