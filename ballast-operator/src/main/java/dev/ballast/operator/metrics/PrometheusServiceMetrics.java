package dev.ballast.operator.metrics;

import dev.ballast.core.spi.ServiceSample;
import dev.ballast.operator.api.v1alpha1.InferenceScalerSpec;
import dev.ballast.operator.api.v1alpha1.MetricsSpec;
import java.time.Instant;
import java.util.Locale;

/**
 * A service's sample from the queries in its {@link MetricsSpec} (vLLM's series by default). The
 * counters must be present; gauges that are absent count as zero. The TTFT histogram's bucket at
 * the SLO target gives the requests within it; between vLLM's bucket bounds (… 0.5, 0.75, 1, 2.5, 5,
 * 7.5, 10 s …) the count is interpolated linearly, as {@code histogram_quantile} does. The sample
 * carries the time of the newest scrape ({@code lastScrapeTime}), so that two reads of one scrape
 * are one sample. With no replica asked for nor ready, and no fresh vLLM series, the service is at
 * zero and its demand is the gateway's held requests (see {@code atZero}); replicas that are asked
 * for but not serving yet are a hold, as missing metrics are.
 */
public final class PrometheusServiceMetrics implements ServiceMetricsSource {
  private final PrometheusClient prometheus;

  public PrometheusServiceMetrics(PrometheusClient prometheus) {
    this.prometheus = prometheus;
  }

  @Override
  public ServiceSample sample(InferenceScalerSpec spec, int replicas, int ready, Instant at) {
    MetricsSpec m = spec.metrics == null ? new MetricsSpec() : spec.metrics;
    double target = Durations.seconds(spec.slo.ttftTarget);
    String le = le(target);
    double scraped = gauge(m, m.lastScrapeTime, at, le);
    double age = at.toEpochMilli() / 1000.0 - scraped;
    if (replicas == 0 && ready == 0 && (scraped == 0 || age > m.staleAfterSeconds)) {
      return atZero(m, at, le); // the series left are those of replicas that have gone
    }
    if (scraped == 0 || age > m.staleAfterSeconds) {
      throw new MetricsUnavailableException(scraped == 0 ? "no samples (" + expand(m.lastScrapeTime, m.selector, le) + ")"
          : String.format(Locale.ROOT, "stale: the newest sample is %.0f s old (staleAfterSeconds %d)", age, m.staleAfterSeconds));
    }
    long arrivals = counter(m, m.arrivalsTotal, "arrivals", at, le);
    long prompt = counter(m, m.promptTokensTotal, "prompt tokens", at, le);
    long output = counter(m, m.outputTokensTotal, "output tokens", at, le);
    long firstTokens = counter(m, m.firstTokensTotal, "first tokens", at, le);
    long within = within(m, target, at);
    double failedValue = gauge(m, m.failedTotal, at, le);
    // stamped with the scrape's own time, not the query's: the counters are as of the scrape, so a
    // rate over two samples divides by the time between scrapes (no aliasing when reconciles and
    // scrapes drift against each other)
    Instant scrapedAt = Instant.ofEpochMilli(Math.round(scraped * 1000));
    return new ServiceSample(
        scrapedAt, ready, 0, 0, arrivals, prompt, output, firstTokens, Math.min(within, firstTokens), (long) failedValue,
        gauge(m, m.running, at, le), gauge(m, m.waiting, at, le), 0, gauge(m, m.kvCacheUsage, at, le));
  }

  /**
   * No replica is asked for nor ready, and vLLM's series are gone with the replicas (or old,
   * theirs): that is no staleness but a service at zero. Its demand is what the gateway holds ({@link MetricsSpec#heldRequests}),
   * counted as arrived and waiting; the counters read zero, which {@link CounterContinuity}
   * carries on from the last ones, and the handover is smooth: the held requests are in vLLM's
   * counts once a replica takes them. Sampled at the query's time, since no replica scraped.
   */
  private ServiceSample atZero(MetricsSpec m, Instant at, String le) {
    double held = m.readsHeldRequests() ? gauge(m, m.heldRequests, at, le) : 0;
    return new ServiceSample(at, 0, 0, 0, Math.round(held), 0, 0, 0, 0, 0, 0, held, 0, 0);
  }

  /** vLLM's TTFT histogram bounds, seconds. */
  static final double[] VLLM_TTFT_BUCKETS = {0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0, 20.0, 40.0, 80.0, 160.0, 640.0, 2560.0};

  private long within(MetricsSpec m, double target, Instant at) {
    double lo = 0;
    double hi = Double.NaN;
    for (double b : VLLM_TTFT_BUCKETS) {
      if (b <= target) {
        lo = b;
      } else {
        hi = b;
        break;
      }
    }
    long atLo = lo == 0 ? 0 : counter(m, m.firstTokensWithinTotal, "first tokens within " + le(lo) + " s", at, le(lo));
    if (lo == target || Double.isNaN(hi)) {
      return atLo;
    }
    long atHi = counter(m, m.firstTokensWithinTotal, "first tokens within " + le(hi) + " s", at, le(hi));
    return Math.round(atLo + (atHi - atLo) * (target - lo) / (hi - lo));
  }

  private long counter(MetricsSpec m, String query, String what, Instant at, String le) {
    double v = prometheus.scalar(m.prometheusUrl, expand(query, m.selector, le), at);
    if (Double.isNaN(v)) {
      throw new MetricsUnavailableException("no data for " + what + " (" + expand(query, m.selector, le) + ")");
    }
    return Math.round(v);
  }

  private double gauge(MetricsSpec m, String query, Instant at, String le) {
    double v = prometheus.scalar(m.prometheusUrl, expand(query, m.selector, le), at);
    return Double.isNaN(v) ? 0 : v;
  }

  static String expand(String query, String selector, String le) {
    String sel = selector == null ? "" : selector;
    String q = query.replace("$le", le).replace("{$selector,", sel.isEmpty() ? "{" : "{" + sel + ",").replace("$selector", sel);
    return q.replace("{,", "{");
  }

  /** Prometheus' canonical bucket bound for a target in seconds (2 -> "2.0"). */
  static String le(double seconds) {
    return seconds == Math.rint(seconds) ? String.format(Locale.ROOT, "%.1f", seconds) : String.valueOf(seconds);
  }
}
