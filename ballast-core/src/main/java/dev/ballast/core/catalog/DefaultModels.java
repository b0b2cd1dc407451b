package dev.ballast.core.catalog;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Built-in models and serving profiles, each figure traced to CATALOG-FACTS. */
final class DefaultModels {
  private DefaultModels() {}

  /** vLLM image, about 10 GB pulled (CATALOG-FACTS §4 and §8: 10 GB at 60 MB/s ≈ 170 s). */
  static final long VLLM_IMAGE_BYTES = 10_000_000_000L;

  private static final String ITL_8B =
      "ITL(1) and growth: CATALOG-FACTS §8 (NIM 8B H100 table; vLLM A100-40GB sweep; 0.75-efficiency roofline"
          + " for GPUs without a public number); prefill: TRT-LLM v0.5 TTFT table and Splitwise profiles (§3.3);"
          + " KV: 0.90 x HBM - weights - 2 GiB (§3.5)";
  private static final String ITL_70B =
      "ITL(1) and growth: Splitwise/SageServe perf_model.csv (§3.2); prefill §3.3; KV §3.5; GPUs per replica §3.6";
  /**
   * No public H200 measurement was found (CATALOG-FACTS). Its ITL(1) is the H200's own floor plus the gap between the
   * H100's public figure and the H100's floor, each floor the CUDA-graphed decode step of a
   * Llama-shaped model (one GPU's tensor-parallel shard for the 70B), timed on both devices with
   * bench/gpu/serving_speed.py (docs/device/, docs/benchmarks.md).
   */
  private static final String MEASURED_H200 =
      "ITL(1): H200 floor + (H100 public - H100 floor), floors measured on both devices (bench/gpu/serving_speed.py);"
          + " growth and prefill as H100, which the same runs bear out or undercut; KV from 141 GB HBM by §3.5";

  /** Llama-3.1-8B-Instruct, BF16 weights and KV. */
  static final Model LLAMA_8B =
      new Model(
          "llama-3.1-8b",
          16_060_522_496L,
          VLLM_IMAGE_BYTES,
          131_072,
          131_072,
          Map.of(
              "H100-80GB", new ServingProfile("H100-80GB", 1, 40_000, 7.0, 0.010, 256, 448_000, ITL_8B),
              "H200", new ServingProfile("H200", 1, 40_000, 5.3, 0.010, 256, 896_000, MEASURED_H200),
              "A100-80GB", new ServingProfile("A100-80GB", 1, 15_000, 11.0, 0.025, 120, 445_000, ITL_8B),
              "A100-40GB", new ServingProfile("A100-40GB", 1, 15_000, 13.5, 0.025, 120, 152_000, ITL_8B),
              "A10G", new ServingProfile("A10G", 1, 6_000, 37.0, 0.025, 120, 26_000, ITL_8B),
              "L4", new ServingProfile("L4", 1, 6_000, 72.0, 0.025, 120, 25_000, ITL_8B)),
          "weights: HF model.safetensors.index.json total_size (CATALOG-FACTS §2.1); KV 128 KiB/token (§2.2);"
              + " context 128k tokens (Llama 3.1 model card)");

  /** Llama-3.1-70B-Instruct, BF16 weights and KV, tensor-parallel across several GPUs. */
  static final Model LLAMA_70B =
      new Model(
          "llama-3.1-70b",
          141_107_412_992L,
          VLLM_IMAGE_BYTES,
          131_072,
          327_680,
          Map.of(
              "H100-80GB", new ServingProfile("H100-80GB", 4, 10_000, 30.0, 0.008, 256, 482_000, ITL_70B),
              "H200", new ServingProfile("H200", 2, 5_000, 35.8, 0.008, 256, 384_000, MEASURED_H200),
              "A100-80GB", new ServingProfile("A100-80GB", 4, 4_500, 45.0, 0.008, 256, 478_000, ITL_70B),
              "A100-40GB", new ServingProfile("A100-40GB", 8, 4_500, 45.0, 0.008, 256, 447_000, ITL_70B)),
          "weights: HF index total_size (CATALOG-FACTS §2.1); KV 320 KiB/token (§2.2); context 128k tokens");

  /**
   * Phase bandwidths: image pull 60 MB/s, weights from object storage with a streaming loader 2 GB/s,
   * disk to GPU 1 GB/s, engine init 60 s median (CATALOG-FACTS §7, §8); wake from vLLM sleep mode 3 s
   * median, 6 s p90 (vLLM blog "Zero-Reload Model Switching with vLLM Sleep Mode", CATALOG-FACTS §6.4).
   */
  static final ReplicaStartup STARTUP =
      new ReplicaStartup(
          1.0,
          60e6,
          2e9,
          1e9,
          Delay.logNormal(Duration.ofSeconds(60), Duration.ofSeconds(120)),
          Delay.logNormal(Duration.ofSeconds(3), Duration.ofSeconds(6)));

  static List<Model> all() {
    return List.of(LLAMA_8B, LLAMA_70B);
  }
}
