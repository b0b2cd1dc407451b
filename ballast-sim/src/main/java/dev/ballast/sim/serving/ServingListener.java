package dev.ballast.sim.serving;

/** What a replica reports to the twin as requests progress. */
public interface ServingListener {

  void firstToken(int slot, double now);

  void completed(int slot, double now);

  void failed(int slot, FailureReason reason, double now);

  /** A draining replica has nothing left in flight. */
  void drained(Replica replica, double now);

  /** Asks for a wake-up of {@code replica} at {@code time}; returns the event's sequence. */
  long scheduleWake(Replica replica, double time);
}
