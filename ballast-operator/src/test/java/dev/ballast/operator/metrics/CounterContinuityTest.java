package dev.ballast.operator.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.core.spi.ServiceSample;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CounterContinuityTest {
  /** A sample whose counters are all {@code n} requests (1,000/200 tokens each), {@code within} of them within the SLO. */
  static ServiceSample sample(long seconds, long n, long within, double running) {
    return new ServiceSample(Instant.ofEpochSecond(seconds), 4, 0, 0, n, n * 1000, n * 200, n, within, 0, running, 1, 0, 0.4);
  }

  @Test
  void countersGrowByWhatTheyRoseAndByNothingWhereAReplicaTookItsCountAway() {
    CounterContinuity c = new CounterContinuity();
    assertThat(c.next(sample(0, 1000, 990, 8))).isEqualTo(sample(0, 1000, 990, 8));
    assertThat(c.next(sample(15, 1300, 1280, 8)).arrivalsTotal()).isEqualTo(1300);

    ServiceSample fell = c.next(sample(30, 1000, 985, 6)); // a replica went with 400 of the 1,300
    assertThat(fell.arrivalsTotal()).isEqualTo(1300);
    assertThat(fell.promptTokensTotal()).isEqualTo(1300 * 1000);
    assertThat(fell.firstTokensWithinSloTotal()).isEqualTo(1280);
    assertThat(fell.running()).as("gauges pass through").isEqualTo(6);

    ServiceSample after = c.next(sample(45, 1250, 1230, 6)); // the three left served 250 more
    assertThat(after.arrivalsTotal()).isEqualTo(1550);
    assertThat(after.outputTokensTotal()).isEqualTo(1550 * 200);
    assertThat(after.firstTokensTotal()).isEqualTo(1550);
    assertThat(after.firstTokensWithinSloTotal()).isEqualTo(1525);
    assertThat(after.at()).isEqualTo(Instant.ofEpochSecond(45));
  }

  @Test
  void withinTheSloNeverOutgrowsTheFirstTokens() {
    CounterContinuity c = new CounterContinuity();
    c.next(sample(0, 100, 100, 1));
    c.next(sample(15, 50, 40, 1)); // the first tokens fell, and so did the ones within
    ServiceSample s = c.next(sample(30, 50, 50, 1)); // first tokens flat, within rose by 10 (a late bucket update)
    assertThat(s.firstTokensWithinSloTotal()).isLessThanOrEqualTo(s.firstTokensTotal());
  }
}
