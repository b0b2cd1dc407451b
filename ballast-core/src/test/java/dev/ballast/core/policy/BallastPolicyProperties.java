package dev.ballast.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.core.spi.Action;
import dev.ballast.core.spi.Plan;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class BallastPolicyProperties {
  /** Per-minute request rates (req/s), bursty and sometimes idle. */
  @Provide
  Arbitrary<List<Double>> rates() {
    return Arbitraries.oneOf(Arbitraries.just(0.0), Arbitraries.doubles().between(0, 400), Arbitraries.doubles().between(0, 5))
        .list()
        .ofMinSize(5)
        .ofMaxSize(60);
  }

  @Property(tries = 60)
  void replicasStayWithinMinAndMax(
      @ForAll("rates") List<Double> rates, @ForAll @IntRange(min = 0, max = 3) int min, @ForAll @IntRange(min = 1, max = 30) int span, @ForAll boolean warm) {
    int max = Math.max(1, min) + span - 1;
    PolicyHarness h = new PolicyHarness(min, max, Map.of(BallastSettings.WARM_TIER.key(), warm));
    double t = 0;
    for (double rate : rates) {
      for (int s = 0; s < 6; s++, t += 10) {
        h.scrape(t, rate, 10, rate > 100 ? rate : 0);
        Plan plan = h.decide(t);
        for (Action a : plan.actions()) {
          if (a instanceof Action.ScaleReplicas scale) {
            assertThat(scale.replicas()).as(scale.reason()).isBetween(min, max);
          }
        }
        h.apply(plan);
        assertThat(h.live()).isBetween(min, max);
      }
    }
  }

  @Property(tries = 60)
  void nothingScalesDownWhileMetricsAreStaleOrMissing(
      @ForAll("rates") List<Double> rates, @ForAll @IntRange(min = 1, max = 40) int blackoutStart, @ForAll @IntRange(min = 1, max = 40) int blackoutMinutes) {
    PolicyHarness h = new PolicyHarness(1, 60, Map.of());
    double t = 0;
    double lastSample = Double.NEGATIVE_INFINITY;
    int minute = 0;
    for (double rate : rates) {
      boolean blackout = minute >= blackoutStart && minute < blackoutStart + blackoutMinutes;
      for (int s = 0; s < 6; s++, t += 10) {
        if (!blackout) {
          h.scrape(t, rate, 10, 0);
          lastSample = t;
        }
        int live = h.live();
        Plan plan = h.decide(t);
        if (t - lastSample > 60) { // three detection intervals: stale
          assertThat(plan.summary()).contains("hold");
          for (Action a : plan.actions()) {
            assertThat(a)
                .as("while metrics are stale: %s", a)
                .isNotInstanceOfAny(Action.RemoveReplica.class, Action.SleepReplica.class, Action.RemoveNode.class, Action.StopNode.class);
            if (a instanceof Action.ScaleReplicas scale) {
              assertThat(scale.replicas()).isGreaterThanOrEqualTo(live);
            }
          }
        }
        h.apply(plan);
      }
      minute++;
    }
  }
}
