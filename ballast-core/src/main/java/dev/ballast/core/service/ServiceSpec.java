package dev.ballast.core.service;

import java.util.List;
import java.util.Objects;

/**
 * An AI service to keep within its SLO: a model, the SLO, replica bounds and the GPU types it may
 * run on (empty: any type the model fits).
 */
public record ServiceSpec(
    String id, String modelId, Slo slo, int minReplicas, int maxReplicas, List<String> allowedGpuTypes) {

  public ServiceSpec {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(modelId, "modelId");
    Objects.requireNonNull(slo, "slo");
    allowedGpuTypes = List.copyOf(allowedGpuTypes);
    if (minReplicas < 0) {
      throw new IllegalArgumentException("service " + id + ": minReplicas must be >= 0, got " + minReplicas);
    }
    if (maxReplicas < Math.max(1, minReplicas)) {
      throw new IllegalArgumentException(
          "service " + id + ": maxReplicas (" + maxReplicas + ") must be >= max(1, minReplicas=" + minReplicas + ")");
    }
  }

  public ServiceSpec(String id, String modelId, Slo slo, int minReplicas, int maxReplicas) {
    this(id, modelId, slo, minReplicas, maxReplicas, List.of());
  }

  public boolean allowsGpu(String gpuTypeId) {
    return allowedGpuTypes.isEmpty() || allowedGpuTypes.contains(gpuTypeId);
  }

  public int clamp(int replicas) {
    return Math.max(minReplicas, Math.min(maxReplicas, replicas));
  }
}
