package dev.ballast.sim.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ballast.core.catalog.ServingProfile;
import org.junit.jupiter.api.Test;

class ReplicaTest {
  // 10k prompt tokens/s; ITL 10 ms at batch 1, +10 % per extra sequence; 4 sequences; 10k KV tokens
  static final ServingProfile P = new ServingProfile("G", 1, 10_000, 10, 0.1, 4, 10_000, "test");

  @Test
  void aLoneRequestTakesItsPrefillThenOneStepPerToken() {
    ReplicaHarness h = new ReplicaHarness(P, 100, 60);
    int id = h.offer(1.0, 1000, 11);
    h.runAll();
    assertThat(h.firstToken.get(id)).isCloseTo(1.0 + 0.1, within(1e-9)); // 1000 / 10k
    assertThat(h.done.get(id)).isCloseTo(1.1 + 10 * 0.010, within(1e-9)); // 10 more tokens at ITL(1)
  }

  @Test
  void prefillsQueueAndPauseDecodingWhileSequencesShareTheBatch() {
    ReplicaHarness h = new ReplicaHarness(P, 100, 60);
    int a = h.offer(0, 1000, 11);
    int b = h.offer(0, 1000, 11);
    h.runAll();
    assertThat(h.firstToken.get(a)).isCloseTo(0.1, within(1e-9));
    // b waits for a's prefill; a does not decode while b prefills
    assertThat(h.firstToken.get(b)).isCloseTo(0.2, within(1e-9));
    // both then decode together at ITL(2) = 11 ms; a has 10 tokens left, b 10
    assertThat(h.done.get(a)).isCloseTo(0.2 + 10 * 0.011, within(1e-9));
    assertThat(h.done.get(b)).isCloseTo(0.2 + 10 * 0.011, within(1e-9));
  }

  @Test
  void theBatchLimitQueuesTheRest() {
    ServingProfile one = new ServingProfile("G", 1, 10_000, 10, 0.1, 1, 10_000, "test");
    ReplicaHarness h = new ReplicaHarness(one, 100, 60);
    int a = h.offer(0, 100, 5);
    int b = h.offer(0, 100, 5);
    h.runAll();
    double aDone = 0.01 + 4 * 0.010;
    assertThat(h.done.get(a)).isCloseTo(aDone, within(1e-9));
    assertThat(h.firstToken.get(b)).isCloseTo(aDone + 0.01, within(1e-9));
  }

  @Test
  void kvCacheGatesAdmissionAndOversizedRequestsFail() {
    ServingProfile small = new ServingProfile("G", 1, 10_000, 10, 0.0, 8, 1_000, "test");
    ReplicaHarness h = new ReplicaHarness(small, 100, 60);
    int huge = h.offer(0, 2_000, 10);
    int a = h.offer(0, 600, 10);
    int b = h.offer(0, 600, 10); // 610 + 610 > 1000: waits for a
    h.runAll();
    assertThat(h.failed.get(huge)).isEqualTo(FailureReason.TOO_LONG);
    assertThat(h.firstToken.get(b)).isGreaterThanOrEqualTo(h.done.get(a));
  }

  @Test
  void aFullQueueRefusesAndOldRequestsTimeOut() {
    ServingProfile one = new ServingProfile("G", 1, 100, 10, 0.0, 1, 100_000, "test");
    ReplicaHarness h = new ReplicaHarness(one, 2, 5);
    h.offer(0, 1000, 1); // prefill 10 s
    int waiting = h.offer(0, 10, 1);
    h.offer(0, 10, 1);
    assertThat(h.offer(0, 10, 1)).isEqualTo(-1);
    h.runAll();
    assertThat(h.failed.get(waiting)).isEqualTo(FailureReason.TIMEOUT);
  }

  @Test
  void drainingFinishesInFlightWorkThenReportsEmpty() {
    ReplicaHarness h = new ReplicaHarness(P, 100, 60);
    int a = h.offer(0, 1000, 11);
    h.replica.drain(0.05);
    assertThat(h.drainedAt).isEmpty();
    h.runAll();
    assertThat(h.done).containsKey(a);
    assertThat(h.drainedAt).singleElement().isEqualTo(h.done.get(a));
  }

  @Test
  void evictionFailsEverythingStillHeld() {
    ReplicaHarness h = new ReplicaHarness(P, 100, 60);
    for (int i = 0; i < 6; i++) {
      h.offer(0, 1000, 50);
    }
    h.runUntil(0.15);
    h.replica.evict(0.15, FailureReason.EVICTED);
    h.runAll();
    assertThat(h.done).isEmpty();
    assertThat(h.failures.get(FailureReason.EVICTED)).isEqualTo(6);
    assertThat(h.requests.live()).isZero();
  }
}
