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
  public long weightsBytes;

  @Required
  @Min(1)
  public long imageBytes;

  @Min(1)
  public int contextTokens = 131_072;

  @Min(1)
  @JsonPropertyDescription("KV cache per token, bytes.")
  public long kvBytesPerToken = 131_072;

  @Required
  public List<Serving> profiles = new ArrayList<>();

  /** How one replica serves on one GPU type: ITL(b) = itlOneMs × (1 + itlGrowth × (b − 1)). */
  public static class Serving {
    @Required
    public String gpuType;

    @Min(1)
    @Max(64)
    public int gpusPerReplica = 1;

    @Required
    @Min(1)
    public double prefillTokensPerSecond;

    @Required
    @Min(0.1)
    public double itlOneMs;

    @Min(0)
    public double itlGrowth = 0.01;

    @Min(1)
    public int maxConcurrentSequences = 256;

    @Required
    @Min(1)
    public long kvCacheTokens;
  }
}
