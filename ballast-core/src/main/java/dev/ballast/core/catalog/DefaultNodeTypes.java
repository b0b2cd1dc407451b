package dev.ballast.core.catalog;

import java.time.Duration;
import java.util.List;

/**
 * Built-in AWS GPU instance types with their on-demand prices (CATALOG-FACTS §5.1) and start-up
 * delays (§6, §8).
 */
final class DefaultNodeTypes {
  private DefaultNodeTypes() {}

  /** gp3, us-east-1 (CATALOG-FACTS §5.5). */
  static final double GP3_USD_PER_GB_MONTH = 0.08;

  /**
   * EC2 launch to kubelet Ready: 60 s (range 30–120 s); then the NVIDIA device plugin advertises
   * the GPUs after about 60 s more (30 s – 5 min): karpenter-provider-aws#1459,
   * karpenter-provider-gcp#148. A stopped instance with its disk resumes in about 45 s (21–90 s):
   * brevdev/ec2-coldboot-research plus kubelet re-registration (CATALOG-FACTS §8).
   */
  static final NodeStartup AWS_GPU_STARTUP =
      new NodeStartup(
          Delay.logNormal(Duration.ofSeconds(60), Duration.ofSeconds(110)),
          Delay.logNormal(Duration.ofSeconds(60), Duration.ofSeconds(150)),
          Delay.logNormal(Duration.ofSeconds(45), Duration.ofSeconds(80)));

  private static NodeType node(String id, GpuType gpu, int gpus, int vcpu, int memGiB, int diskGB, double usdPerHour) {
    return new NodeType(
        id,
        gpu,
        gpus,
        vcpu * 1000L,
        memGiB * 1024L,
        diskGB,
        DefaultGpus.aws(usdPerHour),
        GP3_USD_PER_GB_MONTH,
        AWS_GPU_STARTUP);
  }

  static List<NodeType> all() {
    return List.of(
        node("g4dn.xlarge", DefaultGpus.T4, 1, 4, 16, 300, 0.526),
        node("g6.xlarge", DefaultGpus.L4, 1, 4, 16, 300, 0.8048),
        node("g6.12xlarge", DefaultGpus.L4, 4, 48, 192, 600, 4.6016),
        node("g5.xlarge", DefaultGpus.A10G, 1, 4, 16, 300, 1.006),
        node("g5.12xlarge", DefaultGpus.A10G, 4, 48, 192, 600, 5.672),
        node("p4d.24xlarge", DefaultGpus.A100_40GB, 8, 96, 1152, 1000, 21.957642),
        node("p4de.24xlarge", DefaultGpus.A100_80GB, 8, 96, 1152, 1000, 27.44705),
        node("p5.4xlarge", DefaultGpus.H100_80GB, 1, 16, 256, 300, 6.88),
        node("p5.48xlarge", DefaultGpus.H100_80GB, 8, 192, 2048, 1000, 55.04),
        node("p5en.48xlarge", DefaultGpus.H200, 8, 192, 2048, 1000, 63.296));
  }
}
