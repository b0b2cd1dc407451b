package dev.ballast.sim.serving;

/** Why a request was not served. Every request is either served or counted under one of these. */
public enum FailureReason {
  /** Prompt plus output exceed the model's context window, or the replica's whole KV cache. */
  TOO_LONG("too-long"),
  /** No ready replica and the gateway does not hold requests. */
  NO_REPLICA("no-replica"),
  /** The replica's (or the gateway's) queue was full. */
  QUEUE_FULL("queue-full"),
  /** No first token within the request timeout. */
  TIMEOUT("timeout"),
  /** Its replica was removed before it finished (grace period over). */
  EVICTED("evicted"),
  /** Still in flight when the run ended. */
  UNFINISHED("unfinished");

  private final String label;

  FailureReason(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
