package dev.ballast.operator.http;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An HTTP or HTTPS server on its own daemon worker threads: what the extender, the admission
 * webhook and the health endpoints share (start, port, close).
 */
public final class HttpEndpoint implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService workers;

  public HttpEndpoint(HttpServer server, int threads, String threadPrefix) {
    this.server = server;
    this.workers = Executors.newFixedThreadPool(threads, Thread.ofPlatform().daemon().name(threadPrefix, 0).factory());
    server.setExecutor(workers);
  }

  public HttpEndpoint route(String path, HttpHandler handler) {
    server.createContext(path, handler);
    return this;
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
