package dev.ballast.core.placement.sharing;

/**
 * How a claim shares a GPU. One device runs in one mode at a time.
 *
 * <ul>
 *   <li>{@link Exclusive}: the whole device.
 *   <li>{@link Mig}: a hardware partition, a profile given or the smallest that holds the memory.
 *   <li>{@link Mps}: CUDA MPS, a compute share (thread percentage) and a pinned memory limit.
 *   <li>{@link TimeSliced}: no isolation at all; only for pods that accept it.
 * </ul>
 */
public sealed interface Isolation {
  record Exclusive() implements Isolation {}

  /**
   * @param profile the MIG profile's name on the device's GPU type (e.g. {@code 1g.10gb}), or null to
   *     take the smallest that holds the claim's memory
   */
  record Mig(String profile) implements Isolation {}

  record Mps() implements Isolation {}

  record TimeSliced() implements Isolation {}

  static Isolation exclusive() {
    return new Exclusive();
  }

  static Isolation mps() {
    return new Mps();
  }

  static Isolation timeSliced() {
    return new TimeSliced();
  }

  static Isolation mig(String profile) {
    return new Mig(profile);
  }
}
