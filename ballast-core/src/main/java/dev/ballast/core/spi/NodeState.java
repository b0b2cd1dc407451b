package dev.ballast.core.spi;

/** Where a node is in its life. Billing follows the state (see docs/concepts.md). */
public enum NodeState {
  /** Asked of the cloud, not yet usable: billed at full price. */
  PROVISIONING,
  /** Running and schedulable (unless held in standby): billed at full price. */
  READY,
  /** Instance off, disk kept: billed for the disk only. */
  STOPPED,
  /** Resuming from stopped: billed at full price. */
  STARTING,
  /** Pods being evicted before deletion: billed at full price. */
  DRAINING,
  /** Deleted: not billed. */
  GONE;

  public boolean billedInFull() {
    return this == PROVISIONING || this == READY || this == STARTING || this == DRAINING;
  }
}
