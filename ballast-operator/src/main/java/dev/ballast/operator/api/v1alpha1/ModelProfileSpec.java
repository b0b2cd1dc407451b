package dev.ballast.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import java.util.ArrayList;
import java.util.List;

/** Weights, image and context size, and one serving profile per GPU type. */
public class ModelProfileSpec {
  @Required
  @Min(1)
  @JsonPropertyDescription("Size of the weights, bytes (load time and cache).")
  public long weightsBytes;

  @Required
  @Min(1)
  @JsonPropertyDescription("Size of the serving image, bytes (pull time and cache).")
  public long imageBytes;

  @Min(1)
  @JsonPropertyDescription("Context window, tokens.")
  public int contextTokens = 131_072;

  @Min(1)
  @JsonPropertyDescription("KV cache per token, bytes.")
  public long kvBytesPerToken = 131_072;

  @Required
  @JsonPropertyDescription("How one replica serves, per GPU type.")
  public List<Serving> profiles = new ArrayList<>();

  /** How one replica serves on one GPU type: ITL(b) = itlOneMs × (1 + itlGrowth × (b − 1)). */
  public static class Serving {
    @Required
    @JsonPropertyDescription("GPU type of this profile: a catalog id (H100-80GB) or NVIDIA's product label (NVIDIA-H100-80GB-HBM3).")
    public String gpuType;

    @Min(1)
    @Max(64)
    @JsonPropertyDescription("GPUs one replica uses (tensor parallelism).")
    public int gpusPerReplica = 1;

    @Required
    @Min(1)
    @JsonPropertyDescription("Prompt tokens one replica prefills per second.")
    public double prefillTokensPerSecond;

    @Required
    @Min(0.1)
    @JsonPropertyDescription("Inter-token latency at batch size one, ms.")
    public double itlOneMs;

    @Min(0)
    public double itlGrowth = 0.01;

    @Min(1)
    @JsonPropertyDescription("Most sequences one replica decodes at once (vLLM max_num_seqs).")
    public int maxConcurrentSequences = 256;

    @Required
    @Min(1)
    @JsonPropertyDescription("Tokens the replica's KV cache holds.")
    public long kvCacheTokens;
  }
}
