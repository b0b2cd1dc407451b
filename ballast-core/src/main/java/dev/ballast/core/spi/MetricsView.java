package dev.ballast.core.spi;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Metrics as a policy sees them: scraped samples that have already reached the metrics store,
 * oldest first. Never anything from after "now".
 */
public interface MetricsView {

  /** Samples of the service still retained, oldest first; empty when none arrived yet. */
  List<ServiceSample> samples(String serviceId);

  default Optional<ServiceSample> latest(String serviceId) {
    List<ServiceSample> s = samples(serviceId);
    return s.isEmpty() ? Optional.empty() : Optional.of(s.get(s.size() - 1));
  }

  /** The newest sample at least {@code age} older than {@code reference}, if retained. */
  default Optional<ServiceSample> atOrBefore(String serviceId, Instant reference, Duration age) {
    Instant cutoff = reference.minus(age);
    List<ServiceSample> s = samples(serviceId);
    for (int i = s.size() - 1; i >= 0; i--) {
      if (!s.get(i).at().isAfter(cutoff)) {
        return Optional.of(s.get(i));
      }
    }
    return Optional.empty();
  }
}
