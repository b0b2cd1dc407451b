package dev.ballast.operator.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.ballast.core.spi.ServiceSample;
import dev.ballast.operator.api.v1alpha1.InferenceScalerSpec;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The sample a service gets from Prometheus' answers, on a stub that answers each query. */
class PrometheusServiceMetricsTest {
  private HttpServer server;

  private String serve(Function<String, String> valueByQuery) throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/api/v1/query", ex -> {
      String raw = ex.getRequestURI().getRawQuery();
      String query = URLDecoder.decode(raw.substring(raw.indexOf("query=") + 6, raw.indexOf("&time=")), StandardCharsets.UTF_8);
      String value = valueByQuery.apply(query);
      String result = value == null ? "[]" : "[{\"metric\":{},\"value\":[1700000000,\"" + value + "\"]}]";
      byte[] body = ("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":" + result + "}}").getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(200, body.length);
      try (OutputStream o = ex.getResponseBody()) {
        o.write(body);
      }
    });
    server.start();
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  private static InferenceScalerSpec spec(String url) {
    InferenceScalerSpec spec = new InferenceScalerSpec();
    spec.slo = new InferenceScalerSpec.SloSpec();
    spec.slo.ttftTarget = "2s";
    spec.metrics.prometheusUrl = url;
    spec.metrics.staleAfterSeconds = 60;
    return spec;
  }

  /** Answers like vLLM at 100 req/s with 95 % of first tokens within 0.5 s, scraped at {@code scrapeSeconds}. */
  private static String vllm(String q, double scrapeSeconds) {
    if (q.startsWith("max(timestamp(")) {
      return String.format(Locale.ROOT, "%.3f", scrapeSeconds);
    }
    if (q.contains("time_to_first_token_seconds_bucket")) {
      return q.contains("le=\"1.0\"") ? "960" : q.contains("le=\"2.5\"") ? "1000" : null;
    }
    if (q.contains("time_to_first_token_seconds_count") || q.startsWith("sum(vllm:request_success_total")) {
      return "1000";
    }
    if (q.contains("prompt_tokens_total")) {
      return "1000000";
    }
    if (q.contains("generation_tokens_total")) {
      return "200000";
    }
    return q.contains("num_requests_running") ? "7" : q.contains("num_requests_waiting") ? "1" : null;
  }

  @Test
  void aSampleCarriesTheScrapesTimeSoThatTwoReadsOfOneScrapeAreOneSample() throws Exception {
    double scrape = 1_700_000_000.250;
    String url = serve(q -> vllm(q, scrape));
    PrometheusServiceMetrics metrics = new PrometheusServiceMetrics(new PrometheusClient(Duration.ofSeconds(5)));
    ServiceSample first = metrics.sample(spec(url), 3, 3, Instant.ofEpochSecond(1_700_000_001));
    ServiceSample second = metrics.sample(spec(url), 3, 3, Instant.ofEpochSecond(1_700_000_004));
    assertThat(first.at()).isEqualTo(Instant.ofEpochMilli(1_700_000_000_250L)).isEqualTo(second.at());
    assertThat(first.readyReplicas()).isEqualTo(3);
    assertThat(first.promptTokensTotal()).isEqualTo(1_000_000);
    // 2 s lies between the 1.0 and 2.5 buckets: 960 + 40 × (1 / 1.5)
    assertThat(first.firstTokensWithinSloTotal()).isEqualTo(987);
    assertThat(first.running()).isEqualTo(7);
    assertThat(first.waiting()).isEqualTo(1);
  }

  @Test
  void aScrapeOlderThanStaleAfterSecondsIsNoSample() throws Exception {
    String url = serve(q -> vllm(q, 1_700_000_000));
    PrometheusServiceMetrics metrics = new PrometheusServiceMetrics(new PrometheusClient(Duration.ofSeconds(5)));
    assertThatThrownBy(() -> metrics.sample(spec(url), 3, 3, Instant.ofEpochSecond(1_700_000_090)))
        .isInstanceOf(ServiceMetricsSource.MetricsUnavailableException.class).hasMessageContaining("stale: the newest sample is 90 s old");
  }

  @Test
  void aMissingCounterIsNoSampleAndNamesTheQuery() throws Exception {
    String url = serve(q -> q.contains("prompt_tokens_total") ? null : vllm(q, 1_700_000_000));
    PrometheusServiceMetrics metrics = new PrometheusServiceMetrics(new PrometheusClient(Duration.ofSeconds(5)));
    assertThatThrownBy(() -> metrics.sample(spec(url), 3, 3, Instant.ofEpochSecond(1_700_000_001)))
        .isInstanceOf(ServiceMetricsSource.MetricsUnavailableException.class).hasMessageContaining("no data for prompt tokens (sum(vllm:prompt_tokens_total");
  }

  @Test
  void atZeroReplicasTheGatewaysHeldRequestsAreTheDemand() throws Exception {
    String url = serve(q -> q.startsWith("sum(interceptor_request_concurrency") ? "3" : null); // vLLM's series are gone
    PrometheusServiceMetrics metrics = new PrometheusServiceMetrics(new PrometheusClient(Duration.ofSeconds(5)));
    InferenceScalerSpec spec = spec(url);
    spec.metrics.heldRequests = "sum(interceptor_request_concurrency{route_name=\"llama\"})";
    ServiceSample s = metrics.sample(spec, 0, 0, Instant.ofEpochSecond(1_700_000_001));
    assertThat(s.at()).as("no replica scraped: the query's time").isEqualTo(Instant.ofEpochSecond(1_700_000_001));
    assertThat(s.waiting()).isEqualTo(3);
    assertThat(s.arrivalsTotal()).isEqualTo(3);
    assertThat(s.readyReplicas()).isZero();

    spec.metrics.heldRequests = null; // no gateway gauge: an idle sample, not a hold
    assertThat(metrics.sample(spec, 0, 0, Instant.ofEpochSecond(1_700_000_016)).inFlight()).isZero();
  }

  @Test
  void atZeroReplicasTheSeriesOfReplicasGoneLongAgoAreNotReadEither() throws Exception {
    String url = serve(q -> q.startsWith("sum(interceptor_request_concurrency") ? "2" : vllm(q, 1_700_000_000));
    PrometheusServiceMetrics metrics = new PrometheusServiceMetrics(new PrometheusClient(Duration.ofSeconds(5)));
    InferenceScalerSpec spec = spec(url);
    spec.metrics.heldRequests = "sum(interceptor_request_concurrency{route_name=\"llama\"})";
    ServiceSample s = metrics.sample(spec, 0, 0, Instant.ofEpochSecond(1_700_000_090)); // the last scrape is 90 s old
    assertThat(s.waiting()).isEqualTo(2);
    assertThat(s.promptTokensTotal()).isZero();
  }

  @Test
  void vllmsSeriesMissingWhileReplicasAreAskedForIsStillNoSample() throws Exception {
    String url = serve(q -> q.startsWith("sum(interceptor_request_concurrency") ? "3" : null);
    PrometheusServiceMetrics metrics = new PrometheusServiceMetrics(new PrometheusClient(Duration.ofSeconds(5)));
    InferenceScalerSpec spec = spec(url);
    spec.metrics.heldRequests = "sum(interceptor_request_concurrency{route_name=\"llama\"})";
    assertThatThrownBy(() -> metrics.sample(spec, 2, 2, Instant.ofEpochSecond(1_700_000_001)))
        .isInstanceOf(ServiceMetricsSource.MetricsUnavailableException.class).hasMessageContaining("no samples");
    // one replica asked for and still starting: a hold, not a service at zero
    assertThatThrownBy(() -> metrics.sample(spec, 1, 0, Instant.ofEpochSecond(1_700_000_001)))
        .isInstanceOf(ServiceMetricsSource.MetricsUnavailableException.class).hasMessageContaining("no samples");
  }

  @Test
  void atZeroReplicasAnUnreachablePrometheusIsStillNoSample() {
    PrometheusServiceMetrics metrics = new PrometheusServiceMetrics(new PrometheusClient(Duration.ofSeconds(2)));
    assertThatThrownBy(() -> metrics.sample(spec("http://127.0.0.1:1"), 0, 0, Instant.ofEpochSecond(1_700_000_001)))
        .isInstanceOf(ServiceMetricsSource.MetricsUnavailableException.class).hasMessageContaining("unreachable");
  }
}
