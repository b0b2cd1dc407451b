package dev.ballast.core.catalog;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A served model: what must be moved to start a replica, and how fast it serves per GPU type.
 *
 * @param id catalog name, e.g. {@code llama-3.1-8b}
 * @param weightsBytes model weights on disk and in GPU memory
 * @param imageBytes container image pulled to the node
 * @param contextWindowTokens longest prompt plus output the model accepts
 * @param kvBytesPerToken KV-cache bytes per token (16-bit KV)
 * @param profiles serving profile per GPU type id, for each type the model fits on
 * @param source where the sizes come from
 */
public record Model(
    String id,
    long weightsBytes,
    long imageBytes,
    int contextWindowTokens,
    long kvBytesPerToken,
    Map<String, ServingProfile> profiles,
    String source) {

  public Model {
    Objects.requireNonNull(id, "id");
    if (weightsBytes <= 0 || imageBytes < 0 || contextWindowTokens <= 0) {
      throw new IllegalArgumentException("model " + id + ": sizes and context window must be positive");
    }
    profiles = Map.copyOf(profiles);
    if (profiles.isEmpty()) {
      throw new IllegalArgumentException("model " + id + " has no serving profile on any GPU type");
    }
    profiles.forEach(
        (gpu, profile) -> {
          if (!gpu.equals(profile.gpuTypeId())) {
            throw new IllegalArgumentException("model " + id + ": profile key " + gpu + " names " + profile.gpuTypeId());
          }
        });
  }

  public Optional<ServingProfile> profileOn(String gpuTypeId) {
    return Optional.ofNullable(profiles.get(gpuTypeId));
  }
}
