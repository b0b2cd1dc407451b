package dev.ballast.sim.trace;

import java.time.Instant;
import java.util.List;

/**
 * A replayable request trace. Opening it twice with the same seed gives the same requests, so
 * every contender in a run sees the same traffic.
 */
public interface Trace {

  /** A short label for reports. */
  String name();

  /** The wall-clock instant that trace time 0 stands for. */
  Instant origin();

  /** Names of the services the requests belong to; a stream's service index points here. */
  List<String> services();

  /** No request arrives after this many seconds from the origin. */
  double endSeconds();

  /** A stream of the requests in arrival order. */
  RequestStream open(long seed);
}
