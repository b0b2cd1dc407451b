package dev.ballast.operator.metrics;

import dev.ballast.core.spi.ServiceSample;
import dev.ballast.operator.api.v1alpha1.InferenceScalerSpec;
import java.time.Instant;

/** Where a service's serving state comes from: one sample per call, as of {@code at}. */
@FunctionalInterface
public interface ServiceMetricsSource {
  /**
   * @param replicas replicas the target asks for now (0: the service is at zero)
   * @param ready replicas serving now (from the target's status), recorded in the sample
   * @throws MetricsUnavailableException when the metrics cannot be read (Ballast then holds)
   */
  ServiceSample sample(InferenceScalerSpec spec, int replicas, int ready, Instant at);

  /** The metrics backend did not answer, or answered without data. */
  final class MetricsUnavailableException extends RuntimeException {
    public MetricsUnavailableException(String message) {
      super(message);
    }
  }
}
