package dev.ballast.core.resources;

import java.util.Objects;

/** An amount of CPU, memory and GPU, as a pod's request or its limit. */
public record Resources(long cpuMilli, long memoryMiB, GpuRequest gpu) {

  public static final Resources NONE = new Resources(0, 0, GpuRequest.NONE);

  public Resources {
    if (cpuMilli < 0) {
      throw new IllegalArgumentException("cpuMilli must not be negative, got " + cpuMilli);
    }
    if (memoryMiB < 0) {
      throw new IllegalArgumentException("memoryMiB must not be negative, got " + memoryMiB);
    }
    Objects.requireNonNull(gpu, "gpu");
  }

  public static Resources of(long cpuMilli, long memoryMiB, GpuRequest gpu) {
    return new Resources(cpuMilli, memoryMiB, gpu);
  }
}
