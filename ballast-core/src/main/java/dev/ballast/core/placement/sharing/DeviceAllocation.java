package dev.ballast.core.placement.sharing;

import java.util.Map;

/**
 * A claim granted on a device: for MIG, the instance's profile and first memory slice; for MPS, the
 * environment that enforces its limits in the container ({@code CUDA_MPS_ACTIVE_THREAD_PERCENTAGE},
 * {@code CUDA_MPS_PINNED_DEVICE_MEM_LIMIT}); for every mode, the device to expose.
 */
public record DeviceAllocation(GpuClaim claim, int device, MigProfile migProfile, int migStart, Map<String, String> environment) {}
