package dev.ballast.sim.baseline.fixed;

import dev.ballast.core.spi.Plan;
import dev.ballast.core.spi.Policy;
import dev.ballast.core.spi.PolicyInput;
import java.time.Duration;

/** Static provisioning: the capacity set up at the start stays, whatever the load does. */
public final class FixedCapacityPolicy implements Policy {
  private final String summary;

  public FixedCapacityPolicy(String summary) {
    this.summary = summary;
  }

  @Override
  public String name() {
    return "static";
  }

  @Override
  public Duration tickInterval() {
    return Duration.ofHours(1);
  }

  @Override
  public Plan decide(PolicyInput input) {
    return Plan.hold(summary);
  }
}
