package dev.ballast.core.catalog;

import java.util.List;
import java.util.Locale;

/**
 * Maps NVIDIA's product names onto catalog GPU ids. NVML names a device {@code NVIDIA H100 80GB
 * HBM3}; GPU feature discovery labels its node {@code nvidia.com/gpu.product=NVIDIA-H100-80GB-HBM3}
 * (spaces become dashes, {@code -MIG-<profile>} is appended under the single MIG strategy and
 * {@code -SHARED} when the device plugin shares the GPU). Both name the catalog's {@code H100-80GB}.
 * A name the catalog does not know (an H100 NVL, an L40S) is returned as given, so a catalog that
 * uses the raw label as its id still matches.
 */
public final class GpuProducts {
  private GpuProducts() {}

  /** The catalog id for a product name or label, or the name itself, trimmed, when none fits. */
  public static String catalogId(String product) {
    if (product == null || product.isBlank()) {
      return "";
    }
    String given = product.trim();
    String s = given.toUpperCase(Locale.ROOT).replace(' ', '-');
    int mig = s.indexOf("-MIG-");
    if (mig >= 0) {
      s = s.substring(0, mig);
    }
    if (s.endsWith("-SHARED")) {
      s = s.substring(0, s.length() - "-SHARED".length());
    }
    List<String> tokens = List.of(s.split("-"));
    if (tokens.contains("H200")) {
      return "H200";
    }
    if (tokens.contains("H100")) {
      boolean other = tokens.contains("NVL") || tokens.contains("94GB") || tokens.contains("96GB");
      return other ? given : "H100-80GB";
    }
    if (tokens.contains("A100")) {
      return tokens.contains("80GB") ? "A100-80GB" : "A100-40GB";
    }
    for (String exact : List.of("A10G", "L4", "T4")) {
      if (tokens.contains(exact)) {
        return exact;
      }
    }
    return given;
  }
}
