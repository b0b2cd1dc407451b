package dev.ballast.core.scaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class FluidQueueTest {
  @Test
  void withinCapacityNobodyWaits() {
    FluidQueue q = new FluidQueue(2);
    assertThat(q.late(10, 90, 10)).isZero();
    assertThat(q.backlog()).isZero();
  }

  @Test
  void aBurstIsLateOnceTheQueueOutgrowsTheTarget() {
    FluidQueue q = new FluidQueue(2);
    // 30 req/s against 10: the queue grows 20/s; waits pass 2 s when it holds 20, after 1 s
    assertThat(q.late(10, 300, 10)).isCloseTo(270, within(1e-9));
    assertThat(q.backlog()).isCloseTo(200, within(1e-9));
  }

  @Test
  void theBacklogCarriesOverAndDrains() {
    FluidQueue q = new FluidQueue(2);
    q.late(10, 300, 10); // leaves 200 queued
    // quiet next interval at 5 req/s: waits exceed 2 s until the queue is down to 20, after 180/5 = 36 s
    assertThat(q.late(10, 50, 10)).isCloseTo(50, within(1e-9));
    assertThat(q.backlog()).isCloseTo(150, within(1e-9));
  }

  @Test
  void capacityJustBelowTheRateMissesOverTime() {
    FluidQueue q = new FluidQueue(2);
    double late = 0;
    for (int i = 0; i < 60; i++) {
      late += q.late(10, 500, 45); // 50 req/s against 45
    }
    assertThat(late / (60 * 500)).isGreaterThan(0.9);
  }

  @Test
  void noCapacityMissesEverything() {
    FluidQueue q = new FluidQueue(2);
    assertThat(q.late(10, 5, 0)).isEqualTo(5);
  }
}
