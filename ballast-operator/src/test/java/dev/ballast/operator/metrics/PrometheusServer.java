package dev.ballast.operator.metrics;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** A real Prometheus server on 127.0.0.1 scraping its targets every second, with storage in a temporary folder. */
final class PrometheusServer implements AutoCloseable {
  final int port;
  private final Process process;

  /** The binary: $BALLAST_PROMETHEUS, else prometheus on the PATH (Debian's package installs /usr/bin/prometheus). */
  static Path binary() {
    String env = System.getenv("BALLAST_PROMETHEUS");
    if (env != null) {
      return Path.of(env);
    }
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
      Path p = Path.of(dir, "prometheus");
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    return null;
  }

  /** @param targetPorts the exporters scraped, one per replica (each its own {@code instance}) */
  PrometheusServer(Path binary, Path dir, int... targetPorts) throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path config = dir.resolve("prometheus.yml");
    Files.writeString(config, """
        global:
          scrape_interval: 1s
          evaluation_interval: 1s
        scrape_configs:
          - job_name: vllm
            static_configs:
              - targets: [%s]
                labels: {namespace: ai}
        """.formatted(java.util.Arrays.stream(targetPorts).mapToObj(p -> "\"127.0.0.1:" + p + "\"").collect(java.util.stream.Collectors.joining(", "))));
    process = new ProcessBuilder(binary.toString(), "--config.file=" + config, "--storage.tsdb.path=" + dir.resolve("data"),
        "--web.listen-address=127.0.0.1:" + port)
        .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
  }

  String url() {
    return "http://127.0.0.1:" + port;
  }

  /** Waits until the query has a value, which takes a scrape or two after start. */
  void awaitData(String query, Duration timeout) throws Exception {
    await(query, timeout, true);
  }

  /** Waits until the query has no value, as once the series it reads have gone stale. */
  void awaitNoData(String query, Duration timeout) throws Exception {
    await(query, timeout, false);
  }

  private void await(String query, Duration timeout, boolean data) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("prometheus exited with " + process.exitValue());
      }
      try {
        String body = http.send(HttpRequest.newBuilder(URI.create(url() + "/api/v1/query?query=" + java.net.URLEncoder.encode(query, "UTF-8"))).build(),
            HttpResponse.BodyHandlers.ofString()).body();
        if (body.contains("\"status\":\"success\"") && body.contains("\"value\"") == data) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException((data ? "no data for " : "still data for ") + query + " after " + timeout);
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
