package dev.ballast.operator.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Instant queries against Prometheus' HTTP API ({@code GET /api/v1/query}, prometheus.io "HTTP
 * API"): one scalar per query, the sum of the vector it returns; an empty vector is absent data.
 */
public final class PrometheusClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http;
  private final Duration timeout;

  public PrometheusClient(Duration timeout) {
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    this.timeout = timeout;
  }

  /** The query's value at {@code at}; NaN when the result is empty. */
  public double scalar(String baseUrl, String query, Instant at) {
    String url = baseUrl.replaceAll("/+$", "") + "/api/v1/query?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8)
        + "&time=" + String.format(Locale.ROOT, "%.3f", at.toEpochMilli() / 1000.0);
    HttpResponse<String> response;
    try {
      response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET().build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new ServiceMetricsSource.MetricsUnavailableException("Prometheus at " + baseUrl + " unreachable: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ServiceMetricsSource.MetricsUnavailableException("interrupted");
    }
    if (response.statusCode() != 200) {
      throw new ServiceMetricsSource.MetricsUnavailableException("Prometheus answered " + response.statusCode() + " to " + query + ": " + abbreviate(response.body()));
    }
    try {
      JsonNode root = JSON.readTree(response.body());
      if (!"success".equals(root.path("status").asText())) {
        throw new ServiceMetricsSource.MetricsUnavailableException("query failed: " + query + ": " + root.path("error").asText());
      }
      JsonNode data = root.path("data");
      JsonNode result = data.path("result");
      if ("scalar".equals(data.path("resultType").asText())) {
        return Double.parseDouble(result.get(1).asText());
      }
      if (!result.isArray() || result.isEmpty()) {
        return Double.NaN;
      }
      double sum = 0;
      for (JsonNode series : result) {
        sum += Double.parseDouble(series.path("value").get(1).asText());
      }
      return sum;
    } catch (IOException | RuntimeException e) {
      if (e instanceof ServiceMetricsSource.MetricsUnavailableException m) {
        throw m;
      }
      throw new ServiceMetricsSource.MetricsUnavailableException("unreadable answer to " + query + ": " + e.getMessage());
    }
  }

  private static String abbreviate(String s) {
    return s.length() > 200 ? s.substring(0, 200) + "…" : s;
  }
}
