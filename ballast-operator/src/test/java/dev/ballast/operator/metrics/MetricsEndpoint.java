package dev.ballast.operator.metrics;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * A /metrics endpoint on 127.0.0.1 that writes its text exposition afresh for each scrape.
 * {@link #fail()} makes every scrape fail, as a crashed server would.
 */
final class MetricsEndpoint implements AutoCloseable {
  private final HttpServer server;
  private volatile boolean failing;

  MetricsEndpoint(Supplier<String> exposition) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/metrics", ex -> {
      byte[] body = (failing ? "down" : exposition.get()).getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
      ex.sendResponseHeaders(failing ? 503 : 200, body.length);
      try (OutputStream o = ex.getResponseBody()) {
        o.write(body);
      }
    });
    server.start();
  }

  int port() {
    return server.getAddress().getPort();
  }

  void fail() {
    failing = true;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
