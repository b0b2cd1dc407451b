package dev.ballast.core.scaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** How the keep-alive prices a cold start: by the SLO, by a fixed worth, or not at all. */
class ColdStartWorthTest {
  private static KeepAlive withPeriods(long requests, double seconds) {
    KeepAlive k = new KeepAlive(240, 10, 600);
    for (int i = 0; i < 5; i++) {
      k.activeEnded(requests, seconds);
    }
    return k;
  }

  @Test
  void withoutAPriceTheHybridPercentilesApply() {
    assertThat(ReplicaPlanner.coldStartWorth(null, withPeriods(3, 30).requestsPerColdStart(120), 0.99, 10)).isNaN();
  }

  @Test
  void eachRequestAColdStartKeepsWaitingWeighsShareOverItsComplementServedRequests() {
    // 3 requests kept waiting x 99 (a 99 % SLO) x 0.1 replica-seconds to serve one = 29.7, within the 10 % rounding
    double worth = ReplicaPlanner.coldStartWorth(new ReplicaPlanner.ColdStartPrice(true, 0), withPeriods(3, 30).requestsPerColdStart(120), 0.99, 10);
    assertThat(worth).isCloseTo(29.7, within(29.7 * 0.05));
    double looser = ReplicaPlanner.coldStartWorth(new ReplicaPlanner.ColdStartPrice(true, 0), withPeriods(3, 30).requestsPerColdStart(120), 0.9, 10);
    assertThat(looser).as("a 90 % SLO weighs a miss 9, not 99").isCloseTo(2.7, within(2.7 * 0.05));
  }

  @Test
  void theFixedWorthAddsToTheSloPriceAndStandsAloneWithoutIt() {
    KeepAlive k = withPeriods(3, 30);
    assertThat(ReplicaPlanner.coldStartWorth(new ReplicaPlanner.ColdStartPrice(true, 60), k.requestsPerColdStart(120), 0.99, 10)).isCloseTo(89.7, within(89.7 * 0.05));
    assertThat(ReplicaPlanner.coldStartWorth(new ReplicaPlanner.ColdStartPrice(false, 60), k.requestsPerColdStart(120), 0.99, 10)).isCloseTo(60, within(3.0));
    assertThat(ReplicaPlanner.coldStartWorth(new ReplicaPlanner.ColdStartPrice(false, 0), k.requestsPerColdStart(120), 0.99, 10)).as("ski rental").isZero();
  }

  @Test
  void beforeAnyActivePeriodIsSeenOnlyTheFixedWorthCounts() {
    KeepAlive fresh = new KeepAlive(240, 10, 600);
    assertThat(ReplicaPlanner.coldStartWorth(new ReplicaPlanner.ColdStartPrice(true, 0), fresh.requestsPerColdStart(120), 0.99, 10)).isZero();
  }
}
