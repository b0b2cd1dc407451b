package dev.ballast.operator.extender;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.operator.telemetry.OperatorMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** Random and mangled bodies never get a 500 and never stop the extender. */
class ExtenderFuzzProperties {
  static ExtenderServer server;
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeContainer
  static void start() throws Exception {
    FakeCluster c = new FakeCluster().add(FakeCluster.node("n", "H100-80GB", 2));
    server = new ExtenderServer(new InetSocketAddress("127.0.0.1", 0), c, new OperatorMetrics(new PrometheusRegistry()));
    server.start();
  }

  @AfterContainer
  static void stop() {
    server.close();
  }

  @Provide
  Arbitrary<String> bodies() {
    Arbitrary<String> fragments = Arbitraries.of(
        "{", "}", "[", "]", ",", ":", "\"Pod\"", "\"Nodes\"", "\"NodeNames\"", "\"items\"", "\"metadata\"", "\"name\"", "\"n\"", "null", "1e999", "-1",
        "\"annotations\"", "\"ballast.dev/gpu-milli\"", "\"abc\"", "{\"kind\":\"NodeList\"}", "\"PodName\"", "\"Node\"", "true", "\"\\u0000\"");
    Arbitrary<String> structured = fragments.list().ofMaxSize(40).map(l -> String.join("", l));
    return Arbitraries.oneOf(structured, Arbitraries.strings().ofMaxLength(200));
  }

  @Property(tries = 150)
  void noBodyGetsA500(@ForAll("bodies") String body, @ForAll("verbs") String verb) throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/" + verb))
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(body).isIn(200, 400);
  }

  @Provide
  Arbitrary<String> verbs() {
    return Arbitraries.of("filter", "prioritize", "bind");
  }
}
