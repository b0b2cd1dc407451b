package dev.ballast.operator.reconcile;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/** A clock the test moves. */
final class MutableClock implements InstantSource {
  Instant now = Instant.parse("2026-11-27T12:00:00Z");

  @Override
  public Instant instant() {
    return now;
  }

  void advance(Duration d) {
    now = now.plus(d);
  }
}
