package dev.ballast.core.placement.sharing;

import java.util.Map;

/**
 * A claim granted on a device: for MIG, the instance to create (its profile and first memory slice,
 * the placement {@code nvmlDeviceCreateGpuInstanceWithPlacement} takes); for MPS, the environment
 * that enforces its limits in the container ({@code CUDA_MPS_ACTIVE_THREAD_PERCENTAGE},
 * {@code CUDA_MPS_PINNED_DEVICE_MEM_LIMIT}); for the other modes, the device to expose
 * ({@code NVIDIA_VISIBLE_DEVICES}). A MIG instance gets no device variable here: it is exposed by the
 * UUID the driver gives it on creation.
 */
public record DeviceAllocation(GpuClaim claim, int device, MigProfile migProfile, int migStart, Map<String, String> environment) {}
