package dev.ballast.sim.metrics;

import dev.ballast.core.spi.MetricsView;
import dev.ballast.core.spi.ServiceSample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The twin's metrics store: scraped samples per service, kept for a retention period and shown to
 * policies only once they are older than the pipeline delay, as a Prometheus query would see them.
 */
public final class SampleHistory implements MetricsView {
  private final Map<String, List<ServiceSample>> byService = new HashMap<>();
  private final double retentionSeconds;
  private final double delaySeconds;
  private Instant visibleUpTo = Instant.MIN;

  public SampleHistory(double retentionSeconds, double delaySeconds) {
    this.retentionSeconds = retentionSeconds;
    this.delaySeconds = delaySeconds;
  }

  /** Stores a new sample; drops samples past retention. */
  public void record(String serviceId, ServiceSample sample) {
    List<ServiceSample> list = byService.computeIfAbsent(serviceId, k -> new ArrayList<>());
    list.add(sample);
    int drop = 0;
    Instant oldest = sample.at().minusMillis((long) (retentionSeconds * 1000));
    while (drop < list.size() && list.get(drop).at().isBefore(oldest)) {
      drop++;
    }
    if (drop > 64 || drop == list.size()) {
      list.subList(0, drop).clear();
    }
  }

  /** Moves the query horizon: samples at or before {@code now − delay} become visible. */
  public void advance(Instant now) {
    visibleUpTo = now.minusNanos((long) (delaySeconds * 1e9));
  }

  @Override
  public List<ServiceSample> samples(String serviceId) {
    List<ServiceSample> list = byService.get(serviceId);
    if (list == null) {
      return List.of();
    }
    Instant oldest = visibleUpTo.minusMillis((long) (retentionSeconds * 1000));
    int from = 0;
    while (from < list.size() && list.get(from).at().isBefore(oldest)) {
      from++;
    }
    int to = list.size();
    while (to > from && list.get(to - 1).at().isAfter(visibleUpTo)) {
      to--;
    }
    return Collections.unmodifiableList(list.subList(from, to));
  }

  public double delaySeconds() {
    return delaySeconds;
  }
}
