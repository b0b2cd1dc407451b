package dev.ballast.operator.host;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ballast.operator.http.HttpEndpoint;
import dev.ballast.operator.http.ServesHttp;
import io.prometheus.metrics.exporter.httpserver.MetricsHandler;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;

/** The operator's own endpoints: {@code /healthz} (alive), {@code /readyz} (controllers started) and {@code /metrics}. */
public final class HealthServer implements ServesHttp {
  private final HttpEndpoint endpoint;

  public HealthServer(InetSocketAddress address, PrometheusRegistry registry, BooleanSupplier ready) throws IOException {
    endpoint = new HttpEndpoint(HttpServer.create(address, 0), 2, "ballast-health-")
        .route("/healthz", ex -> reply(ex, 200, "ok\n"))
        .route("/readyz", ex -> reply(ex, ready.getAsBoolean() ? 200 : 503, ready.getAsBoolean() ? "ready\n" : "starting\n"))
        .route("/metrics", new MetricsHandler(registry));
  }

  private static void reply(HttpExchange ex, int code, String body) throws IOException {
    byte[] out = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    ex.sendResponseHeaders(code, out.length);
    try (var os = ex.getResponseBody()) {
      os.write(out);
    }
  }

  @Override
  public HttpEndpoint endpoint() {
    return endpoint;
  }
}
