package dev.ballast.sim.engine;

/**
 * What an event does, packed with its target index into one {@code long}: the kind in the top
 * byte, the target (a replica, pod, node, policy or service index) in the low 32 bits.
 */
public enum EventKind {
  /** A replica's next prefill or decode completion. */
  REPLICA_WAKE,
  /** A pod finished starting. */
  POD_READY,
  /** A draining pod ran out of grace. */
  POD_GRACE_END,
  /** A node finished provisioning or resuming. */
  NODE_READY,
  /** A standby node finished prefetching its model. */
  NODE_PREFETCHED,
  /** A policy's tick. */
  POLICY_TICK,
  /** A metrics scrape. */
  SCRAPE,
  /** A timeline row. */
  TIMELINE,
  /** The warm-up ends: measurement starts. */
  WARMUP_END;

  private static final EventKind[] VALUES = values();

  public long with(int target) {
    return ((long) ordinal() << 56) | (target & 0xFFFF_FFFFL);
  }

  public static EventKind of(long payload) {
    return VALUES[(int) (payload >>> 56)];
  }

  public static int target(long payload) {
    return (int) payload;
  }
}
