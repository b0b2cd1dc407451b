package dev.ballast.core.catalog;

import java.time.LocalDate;
import java.util.List;

/**
 * Built-in GPU types. Prices: AWS us-east-1 Linux on-demand, per GPU-hour, from the smallest
 * single-GPU instance or the 8-GPU instance divided by 8 (CATALOG-FACTS §5.1).
 */
final class DefaultGpus {
  private DefaultGpus() {}

  static final String AWS_PRICES =
      "aws/karpenter-provider-aws pkg/providers/pricing/zz_generated.pricing_aws.go @6fc13b5, us-east-1 on-demand";
  static final LocalDate AWS_PRICES_DATE = LocalDate.of(2026, 7, 20);

  static PriceQuote aws(double usdPerHour) {
    return new PriceQuote(usdPerHour, AWS_PRICES, AWS_PRICES_DATE);
  }

  static final GpuType T4 = new GpuType("T4", 15_360, 320, false, aws(0.526)); // g4dn.xlarge
  static final GpuType L4 = new GpuType("L4", 23_034, 300, false, aws(0.8048)); // g6.xlarge
  static final GpuType A10G = new GpuType("A10G", 22_888, 600, false, aws(1.006)); // g5.xlarge
  static final GpuType A100_40GB = new GpuType("A100-40GB", 40_960, 1_555, true, aws(21.957642 / 8)); // p4d.24xlarge / 8
  static final GpuType A100_80GB = new GpuType("A100-80GB", 81_920, 2_039, true, aws(27.44705 / 8)); // p4de.24xlarge / 8
  static final GpuType H100_80GB = new GpuType("H100-80GB", 81_559, 3_350, true, aws(6.88)); // p5.4xlarge
  static final GpuType H200 = new GpuType("H200", 143_771, 4_800, true, aws(63.296 / 8)); // p5en.48xlarge / 8

  static List<GpuType> all() {
    return List.of(T4, L4, A10G, A100_40GB, A100_80GB, H100_80GB, H200);
  }
}
