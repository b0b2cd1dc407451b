package dev.ballast.core.catalog;

import java.util.Objects;

/**
 * How fast one replica of a model serves on one GPU type.
 *
 * <p>Decode follows {@code ITL(b) = itlAtBatchOne × (1 + itlGrowthPerSequence × (b − 1))}: each
 * decode step emits one token for every sequence in the batch, and the step grows slower as the
 * batch grows (CATALOG-FACTS §3.2). Prefill is compute-bound, so it is a token rate.
 *
 * @param gpuTypeId GPU type this profile is for
 * @param gpusPerReplica devices one replica spans (tensor parallelism)
 * @param prefillTokensPerSecond prompt tokens processed per second by one replica
 * @param itlAtBatchOneMs inter-token latency with one sequence in the batch
 * @param itlGrowthPerSequence relative ITL growth per extra sequence in the batch
 * @param maxConcurrentSequences batch limit (vLLM {@code max_num_seqs}, capped where throughput stops rising)
 * @param kvCacheTokens tokens of KV cache the replica holds
 * @param source the public benchmark or derivation the figures come from
 */
public record ServingProfile(
    String gpuTypeId,
    int gpusPerReplica,
    double prefillTokensPerSecond,
    double itlAtBatchOneMs,
    double itlGrowthPerSequence,
    int maxConcurrentSequences,
    long kvCacheTokens,
    String source) {

  public ServingProfile {
    Objects.requireNonNull(gpuTypeId, "gpuTypeId");
    Objects.requireNonNull(source, "source");
    if (gpusPerReplica < 1) {
      throw new IllegalArgumentException(gpuTypeId + ": gpusPerReplica must be >= 1");
    }
    if (!(prefillTokensPerSecond > 0) || !(itlAtBatchOneMs > 0) || !(itlGrowthPerSequence >= 0)) {
      throw new IllegalArgumentException(gpuTypeId + ": prefill rate and ITL must be positive");
    }
    if (maxConcurrentSequences < 1 || kvCacheTokens < 1) {
      throw new IllegalArgumentException(gpuTypeId + ": concurrency and KV cache must be positive");
    }
  }

  /** Seconds per decode step with {@code batch} sequences (at least one). */
  public double itlSeconds(int batch) {
    return itlAtBatchOneMs * 1e-3 * (1.0 + itlGrowthPerSequence * (Math.max(batch, 1) - 1));
  }

  /** Output tokens per second of the whole replica with {@code batch} sequences decoding. */
  public double decodeTokensPerSecond(int batch) {
    return batch / itlSeconds(batch);
  }

  /** GPU-seconds one prompt token costs: the replica's devices, busy for 1/prefill rate. */
  public double prefillGpuSecondsPerToken() {
    return gpusPerReplica / prefillTokensPerSecond;
  }

  /**
   * GPU-seconds one output token costs at the most efficient batch. ITL(b)/b falls as b grows, so
   * the full batch is the most efficient one.
   */
  public double bestDecodeGpuSecondsPerToken() {
    return gpusPerReplica * itlSeconds(maxConcurrentSequences) / maxConcurrentSequences;
  }
}
