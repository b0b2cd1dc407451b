package dev.ballast.core.placement.sharing;

import java.util.List;
import java.util.Objects;

/**
 * One MIG GPU-instance profile of one GPU type: a GPU has 7 compute slices and 8 memory slices; an
 * instance takes {@code computeSlices} compute slices and a contiguous run of {@code memorySlices}
 * memory slices beginning at one of {@code starts} (NVIDIA MIG User Guide, "Supported MIG
 * Profiles"). {@code memoryMib} is what the driver gives the instance, a little under the name's
 * nominal gigabytes: an H100's {@code 1g.10gb} holds 9,856 to 9,984 MiB by board and driver, not
 * 10,240.
 */
public record MigProfile(String id, int computeSlices, int memorySlices, List<Integer> starts, long memoryMib) {
  public static final int COMPUTE_SLICES = 7;
  public static final int MEMORY_SLICES = 8;

  public MigProfile {
    Objects.requireNonNull(id, "id");
    starts = List.copyOf(starts);
    if (computeSlices < 1 || computeSlices > COMPUTE_SLICES || memorySlices < 1 || memorySlices > MEMORY_SLICES || memoryMib <= 0) {
      throw new IllegalArgumentException("MIG profile " + id + ": need 1..7 compute slices, 1..8 memory slices and positive memory");
    }
    for (int start : starts) {
      if (start < 0 || start + memorySlices > MEMORY_SLICES) {
        throw new IllegalArgumentException("MIG profile " + id + ": start " + start + " runs past the 8 memory slices");
      }
    }
  }
}
