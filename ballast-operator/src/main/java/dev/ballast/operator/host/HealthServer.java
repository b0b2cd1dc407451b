package dev.ballast.operator.host;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.prometheus.metrics.exporter.httpserver.MetricsHandler;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;

/** The operator's own endpoints: {@code /healthz} (alive), {@code /readyz} (controllers started) and {@code /metrics}. */
public final class HealthServer implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService workers = Executors.newFixedThreadPool(2, Thread.ofPlatform().daemon().name("ballast-health-", 0).factory());

  public HealthServer(InetSocketAddress address, PrometheusRegistry registry, BooleanSupplier ready) throws IOException {
    server = HttpServer.create(address, 0);
    server.setExecutor(workers);
    server.createContext("/healthz", ex -> reply(ex, 200, "ok\n"));
    server.createContext("/readyz", ex -> reply(ex, ready.getAsBoolean() ? 200 : 503, ready.getAsBoolean() ? "ready\n" : "starting\n"));
    server.createContext("/metrics", new MetricsHandler(registry));
  }

  private static void reply(HttpExchange ex, int code, String body) throws IOException {
    byte[] out = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    ex.sendResponseHeaders(code, out.length);
    try (var os = ex.getResponseBody()) {
      os.write(out);
    }
  }

  public void start() {
    server.start();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    workers.shutdownNow();
  }
}
