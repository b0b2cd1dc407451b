package dev.ballast.core.placement.sharing;

import java.util.List;

/**
 * Built-in MIG tables. Every type shares one slice geometry (the placements NVML reports match the
 * MIG User Guide's); names and instance memory are per type. H100-80GB and H200 were read from the
 * driver with {@code bench/gpu/device_facts.py} (NVML GPU-instance profiles, MIG mode left off); the
 * A100s come from published {@code nvidia-smi mig -lgip} listings. Instance memory moves a little
 * between drivers and boards, so where two readings differ the table keeps the smaller: the H100's
 * 1g, 2g, 3g and 4g rows take a published H100 PCIe listing's (9.62, 19.50 and 39.25 GiB) over the
 * SXM5 reading here (9.75, 19.62 and 39.50), so a claim is never promised memory a board lacks.
 */
final class DefaultMigProfiles {
  private DefaultMigProfiles() {}

  private static final List<List<Integer>> STARTS =
      List.of(List.of(0, 1, 2, 3, 4, 5, 6), List.of(0, 2, 4, 6), List.of(0, 2, 4), List.of(0, 4), List.of(0), List.of(0));
  private static final int[] COMPUTE = {1, 1, 2, 3, 4, 7};
  private static final int[] MEMORY = {1, 2, 2, 4, 4, 8};

  /** A table in the shared geometry: 1 slice, 1 compute on 2 memory, 2, 3, 4 and 7 compute slices. */
  private static MigProfiles table(String gpuType, String source, List<String> names, long... memoryMib) {
    List<MigProfile> profiles = new java.util.ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      profiles.add(new MigProfile(names.get(i), COMPUTE[i], MEMORY[i], STARTS.get(i), memoryMib[i]));
    }
    return new MigProfiles(gpuType, profiles, source);
  }

  private static final String MEASURED = "NVML on the device, driver 580.159.04, 2026-11-28 (docs/device/)";
  private static final String MEASURED_AND_PUBLISHED = MEASURED + "; the smaller where a published listing differs";
  private static final String PUBLISHED = "published nvidia-smi mig -lgip listings (not measured here)";

  static final MigProfiles H100_80GB = table("H100-80GB", MEASURED_AND_PUBLISHED,
      List.of("1g.10gb", "1g.20gb", "2g.20gb", "3g.40gb", "4g.40gb", "7g.80gb"), 9_856, 19_968, 19_968, 40_192, 40_192, 81_152);
  static final MigProfiles H200 = table("H200", MEASURED,
      List.of("1g.18gb", "1g.35gb", "2g.35gb", "3g.71gb", "4g.71gb", "7g.141gb"), 16_384, 33_280, 33_280, 71_424, 71_424, 143_360);
  static final MigProfiles A100_80GB = table("A100-80GB", PUBLISHED,
      List.of("1g.10gb", "1g.20gb", "2g.20gb", "3g.40gb", "4g.40gb", "7g.80gb"), 9_728, 19_968, 19_968, 40_192, 40_192, 80_896);
  static final MigProfiles A100_40GB = table("A100-40GB", PUBLISHED,
      List.of("1g.5gb", "1g.10gb", "2g.10gb", "3g.20gb", "4g.20gb", "7g.40gb"), 4_864, 9_984, 9_984, 20_096, 20_096, 40_320);

  static List<MigProfiles> all() {
    return List.of(H100_80GB, H200, A100_80GB, A100_40GB);
  }
}
