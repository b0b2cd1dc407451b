package dev.ballast.core.spi;

import java.time.Instant;
import java.util.Objects;

/** Everything a policy may look at when it decides: the cluster, the metrics, and the time. */
public record PolicyInput(Instant now, ClusterView cluster, MetricsView metrics) {
  public PolicyInput {
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(metrics, "metrics");
  }

  /** {@link #now} in seconds since the epoch, as the decisions count time. */
  public double nowSeconds() {
    return now.getEpochSecond() + now.getNano() / 1e9;
  }
}
