package dev.ballast.core.scaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ballast.core.catalog.ServingProfile;
import org.junit.jupiter.api.Test;

class ReplicaThroughputTest {
  final ServingProfile p = new ServingProfile("G", 1, 10_000, 10, 0.0, 100, 1_000_000, "test");

  @Test
  void saturationIsPrefillPlusDecodeTimePerRequest() {
    TokenMix mix = new TokenMix(1000, 101);
    // 0.1 s of prefill + 100 decode steps of 10 ms shared by 100 sequences = 0.11 s per request
    assertThat(ReplicaThroughput.saturationRequestsPerSecond(p, mix)).isCloseTo(1 / 0.11, within(1e-9));
    assertThat(ReplicaThroughput.replicasFor(p, mix, 18.18, 1.0)).isEqualTo(2);
    assertThat(ReplicaThroughput.replicasFor(p, mix, 0, 0.7)).isZero();
  }

  @Test
  void kvCacheLimitsTheBatchForLongRequests() {
    ServingProfile tight = new ServingProfile("G", 1, 10_000, 10, 0.0, 100, 10_000, "test");
    assertThat(ReplicaThroughput.effectiveBatch(tight, new TokenMix(900, 100))).isEqualTo(10);
    assertThat(ReplicaThroughput.effectiveBatch(tight, new TokenMix(20_000, 100))).isEqualTo(1);
  }
}
