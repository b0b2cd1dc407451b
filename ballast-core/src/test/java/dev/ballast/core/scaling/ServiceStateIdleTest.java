package dev.ballast.core.scaling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.core.forecast.AdaptiveForecaster;
import dev.ballast.core.spi.ServiceSample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the metrics teach the keep-alive: idle periods, and the requests of the active ones between them. */
class ServiceStateIdleTest {
  @Test
  void activePeriodsAreRecordedWithTheirRequestsAndLength() {
    KeepAlive keepAlive = new KeepAlive(240, 10, 600);
    ServiceState state = new ServiceState(
        AdaptiveForecaster.perMinuteDefault(12), new BurstProfile(60, 2, 0.005), new SloFeedback(1.0, 3.0, 0.05, 0.03), keepAlive, 300, 180, 45);
    List<ServiceSample> samples = new ArrayList<>();
    Instant t0 = Instant.parse("2026-11-28T00:00:00Z");
    long arrivals = 0;
    // every 15 s for an hour: idle, then 4 requests in each of the scrapes from minute 10 to 11 (60 s, 16 requests), idle again
    for (int i = 0; i <= 240; i++) {
      double minute = i * 15 / 60.0;
      long added = minute > 10 && minute <= 11 ? 4 : 0;
      arrivals += added;
      samples.add(new ServiceSample(t0.plusSeconds(15L * i), 1, 0, 0, arrivals, arrivals * 100, arrivals * 20, arrivals, arrivals, 0, 0, 0, 0, 0));
    }
    state.ingest(samples, 3600, 0.99);
    assertThat(keepAlive.samples()).as("one idle period ended: at minute 10").isEqualTo(1);
    // the period ran from the scrape that saw its first requests (10:15) to the first idle one (11:15)
    assertThat(keepAlive.requestsPerColdStart(600)).isEqualTo(16);
    assertThat(keepAlive.requestsPerColdStart(30)).as("half the period's length").isEqualTo(8);
  }
}
