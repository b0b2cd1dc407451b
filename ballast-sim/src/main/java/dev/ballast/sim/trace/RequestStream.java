package dev.ballast.sim.trace;

/**
 * A cursor over requests in arrival order. Primitive getters keep the replay free of per-request
 * allocation; call {@link #next()} before reading the first request.
 */
public interface RequestStream {

  /** Moves to the next request; false when there is none. */
  boolean next();

  /** Arrival, in seconds from the trace origin. */
  double time();

  int inputTokens();

  int outputTokens();

  int service();
}
