package dev.ballast.operator.extender;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ballast.core.placement.sharing.GpuDevice;
import dev.ballast.operator.telemetry.OperatorMetrics;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever fractions arrive, filtered and bound through the extender's HTTP API as kube-scheduler
 * would, every GPU of the node keeps its invariants: at most 1000 milli-GPU, one sharing mode (and
 * an exclusive fraction alone), and no more GPU memory promised than it holds less the reserve.
 */
class ExtenderPlacementProperties {
  static final ObjectMapper JSON = new ObjectMapper();
  static final KubernetesSerialization K8S = new KubernetesSerialization();
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final long H100_MIB = 81_559;

  record Ask(String mode, int milli, long memoryMib) {}

  @Provide
  Arbitrary<List<Ask>> asks() {
    Arbitrary<Ask> ask = Combinators.combine(
            Arbitraries.of("mps", "timeslice", "exclusive", "mig"),
            Arbitraries.integers().between(1, 1000),
            Arbitraries.oneOf(Arbitraries.just(0L), Arbitraries.longs().between(1_000, 60_000)))
        .as(Ask::new);
    return ask.list().ofMinSize(1).ofMaxSize(25);
  }

  @Property(tries = 40)
  void everyGpuKeepsItsInvariants(@ForAll("asks") List<Ask> asks) throws Exception {
    FakeCluster cluster = new FakeCluster().add(FakeCluster.node("n", "NVIDIA-H100-80GB-HBM3", 2));
    ExtenderServer server = new ExtenderServer(new InetSocketAddress("127.0.0.1", 0), cluster, new OperatorMetrics(new PrometheusRegistry()));
    server.start();
    try {
      String nodes = "{\"apiVersion\":\"v1\",\"kind\":\"NodeList\",\"items\":[" + K8S.asJson(cluster.nodes.get("n")) + "]}";
      int i = 0;
      for (Ask a : asks) {
        Pod pod = FakeCluster.fractional("p" + i++, null, a.milli(), null);
        Map<String, String> ann = pod.getMetadata().getAnnotations();
        ann.put("ballast.dev/gpu-isolation", a.mode());
        ann.put("ballast.dev/accept-timeslicing", "true");
        if (a.memoryMib() > 0) {
          ann.put("ballast.dev/gpu-memory-mib", String.valueOf(a.memoryMib()));
        }
        cluster.pods.add(pod);
        JsonNode filtered = JSON.readTree(post(server, "/filter", "{\"Pod\":" + K8S.asJson(pod) + ",\"Nodes\":" + nodes + ",\"NodeNames\":null}"));
        if (filtered.at("/Nodes/items").isEmpty()) {
          cluster.pods.remove(pod);
          continue;
        }
        JsonNode bound = JSON.readTree(post(server, "/bind", "{\"PodName\":\"" + pod.getMetadata().getName() + "\",\"PodNamespace\":\"ai\",\"PodUID\":\"u\",\"Node\":\"n\"}"));
        assertThat(bound.get("Error").asText()).as("a node that passed the filter takes the pod").isEmpty();
        assertInvariants(cluster.podsOn("n"));
      }
    } finally {
      server.close();
    }
  }

  static void assertInvariants(List<Pod> pods) {
    Map<String, Integer> milli = new HashMap<>();
    Map<String, Long> memory = new HashMap<>();
    Map<String, Set<String>> modes = new HashMap<>();
    Map<String, Integer> count = new HashMap<>();
    for (Pod p : pods) {
      Map<String, String> ann = p.getMetadata().getAnnotations();
      String gpu = ann.get("ballast.dev/gpu-index");
      assertThat(gpu).as("bind records the GPU of " + p.getMetadata().getName()).isNotNull();
      milli.merge(gpu, Integer.parseInt(ann.get("ballast.dev/gpu-milli")), Integer::sum);
      memory.merge(gpu, Long.parseLong(ann.getOrDefault("ballast.dev/gpu-memory-mib", "0")), Long::sum);
      modes.computeIfAbsent(gpu, g -> new HashSet<>()).add(ann.get("ballast.dev/gpu-isolation"));
      count.merge(gpu, 1, Integer::sum);
    }
    for (String gpu : milli.keySet()) {
      assertThat(milli.get(gpu)).as("milli on GPU " + gpu).isLessThanOrEqualTo(1000);
      assertThat(memory.get(gpu)).as("MiB promised on GPU " + gpu).isLessThanOrEqualTo(H100_MIB - GpuDevice.DEFAULT_RESERVED_MIB);
      assertThat(modes.get(gpu)).as("modes on GPU " + gpu).hasSize(1);
      if (modes.get(gpu).contains("exclusive")) {
        assertThat(count.get(gpu)).as("an exclusive fraction shares with no one").isEqualTo(1);
      }
    }
  }

  static String post(ExtenderServer server, String path, String body) throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return r.body();
  }
}
