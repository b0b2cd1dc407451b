package dev.ballast.core.placement.sharing;

import java.util.List;

/**
 * The MIG profiles of an 80 GB A100 or H100 and where each may start (NVIDIA MIG User Guide,
 * "Supported MIG Profiles" and "A100 MIG Profile Placement"): a GPU has 7 compute slices and 8
 * memory slices of 10 GB; an instance takes {@code computeSlices} compute slices and a contiguous
 * run of {@code memorySlices} memory slices beginning at one of {@code starts}.
 */
public enum MigProfile {
  P1G_10GB("1g.10gb", 1, 1, List.of(0, 1, 2, 3, 4, 5, 6)),
  P1G_20GB("1g.20gb", 1, 2, List.of(0, 2, 4, 6)),
  P2G_20GB("2g.20gb", 2, 2, List.of(0, 2, 4)),
  P3G_40GB("3g.40gb", 3, 4, List.of(0, 4)),
  P4G_40GB("4g.40gb", 4, 4, List.of(0)),
  P7G_80GB("7g.80gb", 7, 8, List.of(0));

  public static final int COMPUTE_SLICES = 7;
  public static final int MEMORY_SLICES = 8;
  public static final long MEMORY_SLICE_MIB = 10 * 1024;

  private final String id;
  private final int computeSlices;
  private final int memorySlices;
  private final List<Integer> starts;

  MigProfile(String id, int computeSlices, int memorySlices, List<Integer> starts) {
    this.id = id;
    this.computeSlices = computeSlices;
    this.memorySlices = memorySlices;
    this.starts = starts;
  }

  public String id() {
    return id;
  }

  public int computeSlices() {
    return computeSlices;
  }

  public int memorySlices() {
    return memorySlices;
  }

  public List<Integer> starts() {
    return starts;
  }

  public long memoryMib() {
    return memorySlices * MEMORY_SLICE_MIB;
  }

  /** The profile named {@code id} (e.g. {@code 3g.40gb}). */
  public static MigProfile of(String id) {
    for (MigProfile p : values()) {
      if (p.id.equals(id)) {
        return p;
      }
    }
    throw new IllegalArgumentException("unknown MIG profile '" + id + "'; valid: 1g.10gb, 1g.20gb, 2g.20gb, 3g.40gb, 4g.40gb, 7g.80gb");
  }

  /** The smallest profile with at least {@code memoryMib} of memory and {@code computeSlices} slices, or null. */
  public static MigProfile smallestFitting(long memoryMib, int computeSlices) {
    MigProfile best = null;
    for (MigProfile p : values()) {
      if (p.memoryMib() >= memoryMib && p.computeSlices >= computeSlices
          && (best == null || p.memorySlices < best.memorySlices || p.memorySlices == best.memorySlices && p.computeSlices < best.computeSlices)) {
        best = p;
      }
    }
    return best;
  }
}
