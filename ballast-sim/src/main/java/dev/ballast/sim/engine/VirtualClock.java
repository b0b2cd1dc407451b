package dev.ballast.sim.engine;

import java.time.Instant;
import java.time.InstantSource;

/** The twin's virtual time: seconds since the trace origin, seen by policies as instants. */
public final class VirtualClock implements InstantSource {
  private final Instant origin;
  private double now;

  public VirtualClock(Instant origin) {
    this.origin = origin;
  }

  public double seconds() {
    return now;
  }

  public void advanceTo(double seconds) {
    if (seconds < now) {
      throw new IllegalStateException("time went backwards: " + seconds + " < " + now);
    }
    now = seconds;
  }

  @Override
  public Instant instant() {
    return toInstant(now);
  }

  public Instant toInstant(double seconds) {
    long whole = (long) Math.floor(seconds);
    long nanos = Math.round((seconds - whole) * 1e9);
    return origin.plusSeconds(whole).plusNanos(nanos);
  }

  public double toSeconds(Instant instant) {
    return (instant.getEpochSecond() - origin.getEpochSecond()) + (instant.getNano() - origin.getNano()) / 1e9;
  }

  public Instant origin() {
    return origin;
  }
}
