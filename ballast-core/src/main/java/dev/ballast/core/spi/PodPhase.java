package dev.ballast.core.spi;

/** A serving pod's phase, as a policy sees it. */
public enum PodPhase {
  /** Created, no node fits it yet (unschedulable). */
  PENDING,
  /** Bound to a node, pulling, loading or initialising. */
  STARTING,
  /** Serving requests. */
  READY,
  /** Asleep: out of rotation, weights offloaded to host memory, its GPU kept; wakes in seconds. */
  SLEEPING,
  /** Waking from sleep: back in rotation within seconds. */
  WAKING,
  /** Taken out of rotation, finishing its in-flight requests. */
  TERMINATING
}
