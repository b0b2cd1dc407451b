package dev.ballast.core.catalog;

import java.util.Objects;

/**
 * How long a node of some type takes to become usable.
 *
 * @param vmToReady from the cloud API call to the kubelet reporting Ready
 * @param gpuAllocatable from Ready until the device plugin advertises the GPUs
 * @param resumeFromStopped from a start call on a stopped instance (disk kept) to GPUs allocatable
 */
public record NodeStartup(Delay vmToReady, Delay gpuAllocatable, Delay resumeFromStopped) {

  public NodeStartup {
    Objects.requireNonNull(vmToReady, "vmToReady");
    Objects.requireNonNull(gpuAllocatable, "gpuAllocatable");
    Objects.requireNonNull(resumeFromStopped, "resumeFromStopped");
  }

  /** Median seconds from nothing to GPUs allocatable. */
  public double coldMedianSeconds() {
    return vmToReady.medianSeconds() + gpuAllocatable.medianSeconds();
  }
}
