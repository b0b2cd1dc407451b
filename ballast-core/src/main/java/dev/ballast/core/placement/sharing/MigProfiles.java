package dev.ballast.core.placement.sharing;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The MIG profiles one GPU type offers. Names and memory differ by type (an H200's smallest instance
 * is {@code 1g.18gb}; an A100-40GB's {@code 1g.10gb} takes two memory slices, an A100-80GB's one),
 * so a profile is always looked up in the table of the device it lands on.
 *
 * @param gpuType catalog GPU type, e.g. {@code H100-80GB}
 * @param source where the memory figures were read
 */
public record MigProfiles(String gpuType, List<MigProfile> profiles, String source) {
  public MigProfiles {
    Objects.requireNonNull(gpuType, "gpuType");
    profiles = List.copyOf(profiles);
    Objects.requireNonNull(source, "source");
  }

  /** The built-in table of a catalog GPU type, or empty when the type has no MIG. */
  public static Optional<MigProfiles> builtIn(String gpuType) {
    return DefaultMigProfiles.all().stream().filter(t -> t.gpuType.equals(gpuType)).findFirst();
  }

  public static List<MigProfiles> builtIns() {
    return DefaultMigProfiles.all();
  }

  /** The profile named {@code id}; throws IllegalArgumentException naming the valid ones. */
  public MigProfile profile(String id) {
    return profiles.stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow(() -> new IllegalArgumentException(
        "unknown MIG profile '" + id + "' on " + gpuType + "; valid: " + String.join(", ", profiles.stream().map(MigProfile::id).toList())));
  }

  public boolean has(String id) {
    return profiles.stream().anyMatch(p -> p.id().equals(id));
  }

  /**
   * The profile with the least memory (then the fewest compute slices) holding at least
   * {@code memoryMib} on at least {@code computeSlices} slices, or null when none does.
   */
  public MigProfile smallestFitting(long memoryMib, int computeSlices) {
    MigProfile best = null;
    for (MigProfile p : profiles) {
      if (p.memoryMib() >= memoryMib && p.computeSlices() >= computeSlices
          && (best == null || p.memoryMib() < best.memoryMib() || p.memoryMib() == best.memoryMib() && p.computeSlices() < best.computeSlices())) {
        best = p;
      }
    }
    return best;
  }
}
