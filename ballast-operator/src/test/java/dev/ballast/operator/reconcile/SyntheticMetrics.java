package dev.ballast.operator.reconcile;

import dev.ballast.core.spi.ServiceSample;
import dev.ballast.operator.api.v1alpha1.InferenceScalerSpec;
import dev.ballast.operator.metrics.ServiceMetricsSource;
import java.time.Instant;

/** vLLM-like counters growing at a chosen rate of 1,000/200-token requests, all within the SLO. */
final class SyntheticMetrics implements ServiceMetricsSource {
  double rate;
  boolean down;
  /** Requests counted by replicas that have gone: their counters left the sums. */
  long departed;
  private Instant last;
  double arrivals;

  SyntheticMetrics(double rate) {
    this.rate = rate;
  }

  @Override
  public ServiceSample sample(InferenceScalerSpec spec, int replicas, int ready, Instant at) {
    if (down) {
      throw new MetricsUnavailableException("Prometheus at http://prom:9090 unreachable: connection refused");
    }
    if (last != null) {
      arrivals += rate * (at.toEpochMilli() - last.toEpochMilli()) / 1000.0;
    }
    last = at;
    long n = Math.round(arrivals) - departed;
    return new ServiceSample(at, ready, 0, 0, n, n * 1000, n * 200, n, n, 0, Math.min(rate * 5, 256.0 * Math.max(1, ready)), 0, 0, 0.3);
  }
}
