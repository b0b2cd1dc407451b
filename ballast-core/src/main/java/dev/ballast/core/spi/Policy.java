package dev.ballast.core.spi;

import java.time.Duration;

/**
 * A scaling policy: Ballast's, or a baseline's. The host calls {@link #decide} every {@link
 * #tickInterval()} and carries out the plan through {@link Actions}.
 *
 * <p>A policy never reads the clock or a global random source: time arrives in the input. It may
 * keep memory between ticks (a stabilization window, a forecaster's state), as its upstream does.
 */
public interface Policy {

  String name();

  Duration tickInterval();

  Plan decide(PolicyInput input);
}
