package dev.ballast.operator.extender;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ballast.operator.telemetry.OperatorMetrics;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The extender over real HTTP, with bodies shaped as kube-scheduler sends them. */
class ExtenderServerTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final KubernetesSerialization K8S = new KubernetesSerialization();
  FakeCluster cluster;
  ExtenderServer server;
  HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws Exception {
    // the product labels NVIDIA GPU feature discovery puts on real nodes (NVML's names, read on the device)
    cluster = new FakeCluster().add(FakeCluster.node("h100-a", "NVIDIA-H100-80GB-HBM3", 8)).add(FakeCluster.node("l4-a", "NVIDIA-L4", 1));
    cluster.pods.add(FakeCluster.fractional("busy", "l4-a", 800, "0"));
    cluster.pods.add(FakeCluster.fractional("half", "h100-a", 500, "3"));
    server = new ExtenderServer(new InetSocketAddress("127.0.0.1", 0), cluster, new OperatorMetrics(new PrometheusRegistry()));
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  HttpResponse<String> post(String path, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  String args(int milli, String pod) {
    String nodes = "{\"apiVersion\":\"v1\",\"kind\":\"NodeList\",\"items\":[" + K8S.asJson(cluster.nodes.get("h100-a")) + "," + K8S.asJson(cluster.nodes.get("l4-a")) + "]}";
    return "{\"Pod\":" + K8S.asJson(FakeCluster.fractional(pod, null, milli, null)) + ",\"Nodes\":" + nodes + ",\"NodeNames\":null}";
  }

  @Test
  void filterKeepsNodesWithRoomForTheFraction() throws Exception {
    HttpResponse<String> r = post("/filter", args(500, "new"));
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode body = JSON.readTree(r.body());
    assertThat(body.at("/Nodes/items")).hasSize(1);
    assertThat(body.at("/Nodes/items/0/metadata/name").asText()).isEqualTo("h100-a");
    assertThat(body.at("/FailedNodes/l4-a").asText()).contains("500m of a GPU does not fit", "L4");
    assertThat(body.get("Error").asText()).isEmpty();
  }

  @Test
  void aPodNamingCatalogGpuTypesMatchesNodesByTheirProductLabels() throws Exception {
    cluster.pods.clear();
    String nodes = "{\"apiVersion\":\"v1\",\"kind\":\"NodeList\",\"items\":[" + K8S.asJson(cluster.nodes.get("h100-a")) + "," + K8S.asJson(cluster.nodes.get("l4-a")) + "]}";
    io.fabric8.kubernetes.api.model.Pod pod = FakeCluster.fractional("typed", null, 200, null);
    pod.getMetadata().getAnnotations().put("ballast.dev/gpu-types", "H100-80GB");
    JsonNode body = JSON.readTree(post("/filter", "{\"Pod\":" + K8S.asJson(pod) + ",\"Nodes\":" + nodes + ",\"NodeNames\":null}").body());
    assertThat(body.at("/Nodes/items")).hasSize(1);
    assertThat(body.at("/Nodes/items/0/metadata/name").asText()).isEqualTo("h100-a");
    assertThat(body.at("/FailedNodes/l4-a").asText()).contains("L4");
  }

  @Test
  void aTimeSlicedFractionDoesNotJoinAnMpsGpu() throws Exception {
    // l4-a's one GPU holds an 800m MPS pod: 200m are left, but only to MPS pods
    String nodes = "{\"apiVersion\":\"v1\",\"kind\":\"NodeList\",\"items\":[" + K8S.asJson(cluster.nodes.get("l4-a")) + "]}";
    io.fabric8.kubernetes.api.model.Pod pod = FakeCluster.fractional("ts", null, 100, null);
    String mps = "{\"Pod\":" + K8S.asJson(pod) + ",\"Nodes\":" + nodes + ",\"NodeNames\":null}";
    assertThat(JSON.readTree(post("/filter", mps).body()).at("/Nodes/items")).hasSize(1);
    pod.getMetadata().getAnnotations().put("ballast.dev/gpu-isolation", "timeslice");
    pod.getMetadata().getAnnotations().put("ballast.dev/accept-timeslicing", "true");
    JsonNode body = JSON.readTree(post("/filter", "{\"Pod\":" + K8S.asJson(pod) + ",\"Nodes\":" + nodes + ",\"NodeNames\":null}").body());
    assertThat(body.at("/Nodes/items")).isEmpty();
    assertThat(body.at("/FailedNodes/l4-a").asText()).contains("GPU milli left to timeslice pods [0]");
  }

  @Test
  void filterAnswersNodeNamesWhenAskedByName() throws Exception {
    String body = "{\"pod\":" + K8S.asJson(FakeCluster.fractional("p", null, 100, null)) + ",\"nodenames\":[\"h100-a\",\"l4-a\"]}";
    JsonNode r = JSON.readTree(post("/filter", body).body());
    assertThat(r.get("NodeNames")).hasSize(2);
  }

  @Test
  void prioritizeScoresWithinTheExtenderRange() throws Exception {
    HttpResponse<String> r = post("/prioritize", args(500, "new"));
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode list = JSON.readTree(r.body());
    assertThat(list).hasSize(2);
    for (JsonNode h : list) {
      assertThat(h.get("Score").asInt()).isBetween(0, ExtenderServer.MAX_PRIORITY);
    }
    assertThat(list.get(0).get("Host").asText()).isEqualTo("h100-a");
    assertThat(list.get(0).get("Score").asInt()).isEqualTo(ExtenderServer.MAX_PRIORITY);
    assertThat(list.get(1).get("Score").asInt()).isZero(); // does not fit
  }

  @Test
  void aStatedGpuTypePreferenceRanksTheNodesOfThatTypeFirst() throws Exception {
    for (String preferred : List.of("NVIDIA-L4", "H100-80GB")) {
      io.fabric8.kubernetes.api.model.Pod pod = FakeCluster.fractional("pref", null, 100, null);
      pod.getMetadata().getAnnotations().put("ballast.dev/gpu-type-preference", preferred + ",A100-80GB");
      String nodes = "{\"apiVersion\":\"v1\",\"kind\":\"NodeList\",\"items\":[" + K8S.asJson(cluster.nodes.get("h100-a")) + "," + K8S.asJson(cluster.nodes.get("l4-a")) + "]}";
      JsonNode list = JSON.readTree(post("/prioritize", "{\"Pod\":" + K8S.asJson(pod) + ",\"Nodes\":" + nodes + ",\"NodeNames\":null}").body());
      String best = preferred.contains("L4") ? "l4-a" : "h100-a";
      for (JsonNode h : list) {
        assertThat(h.get("Score").asInt()).as(preferred + " " + h).isEqualTo(h.get("Host").asText().equals(best) ? ExtenderServer.MAX_PRIORITY : 0);
      }
    }
  }

  @Test
  void prioritizeKeepsAGpuOnTheTrackOfAnOptimalPackingOfTheClustersFractions() throws Exception {
    // the recent pods carry a fraction mix like the Alibaba trace's; a 230 may join a 650 (120 left,
    // which no common fraction fits) or a 550 (220 left, which a 220 fills); FGD and the look-ahead
    // alone score both alike here, the fraction prices tell them apart
    cluster = new FakeCluster().add(FakeCluster.node("with-650", "Tesla-T4", 1)).add(FakeCluster.node("with-550", "Tesla-T4", 1));
    cluster.pods.add(FakeCluster.fractional("a", "with-650", 650, "0"));
    cluster.pods.add(FakeCluster.fractional("b", "with-550", 550, "0"));
    int[][] mix = {{1000, 200}, {810, 108}, {470, 75}, {320, 30}, {650, 24}, {460, 12}, {230, 12}, {550, 20}, {220, 20}, {590, 8}, {370, 5}, {160, 5}};
    for (int[] m : mix) {
      for (int i = 0; i < m[1]; i++) {
        cluster.pods.add(FakeCluster.fractional("seen-" + m[0] + "-" + i, null, m[0], null)); // served and gone: only their shapes count
      }
    }
    server.close();
    server = new ExtenderServer(new InetSocketAddress("127.0.0.1", 0), cluster, new OperatorMetrics(new PrometheusRegistry()));
    server.start();
    String nodes = "{\"apiVersion\":\"v1\",\"kind\":\"NodeList\",\"items\":[" + K8S.asJson(cluster.nodes.get("with-650")) + "," + K8S.asJson(cluster.nodes.get("with-550")) + "]}";
    String body = "{\"Pod\":" + K8S.asJson(FakeCluster.fractional("q", null, 230, null)) + ",\"Nodes\":" + nodes + ",\"NodeNames\":null}";
    for (int ask = 0; ask < 2; ask++) { // the second answer comes from the kept prices
      JsonNode list = JSON.readTree(post("/prioritize", body).body());
      assertThat(list.get(0).get("Host").asText()).isEqualTo("with-650");
      assertThat(list.get(0).get("Score").asInt()).as(list.toString()).isZero();
      assertThat(list.get(1).get("Score").asInt()).as(list.toString()).isEqualTo(ExtenderServer.MAX_PRIORITY);
    }
  }

  @Test
  void whereBallastsScoresTieTheFullestNodeWinsSoThatFreedReplicasEmptyWholeNodes() throws Exception {
    // one-GPU replicas on eight-GPU nodes: every free GPU suits the next replica alike, so
    // fragmentation cannot tell the nodes apart; packing the fuller one lets the other empty out
    cluster = new FakeCluster().add(FakeCluster.node("five-used", "NVIDIA-H100-80GB-HBM3", 8)).add(FakeCluster.node("one-used", "NVIDIA-H100-80GB-HBM3", 8))
        .add(FakeCluster.node("three-used", "NVIDIA-H100-80GB-HBM3", 8));
    for (int i = 0; i < 5; i++) {
      cluster.pods.add(FakeCluster.whole("a" + i, "five-used", 1));
    }
    cluster.pods.add(FakeCluster.whole("b", "one-used", 1));
    for (int i = 0; i < 3; i++) {
      cluster.pods.add(FakeCluster.whole("c" + i, "three-used", 1));
    }
    server.close();
    server = new ExtenderServer(new InetSocketAddress("127.0.0.1", 0), cluster, new OperatorMetrics(new PrometheusRegistry()));
    server.start();
    String nodes = "{\"apiVersion\":\"v1\",\"kind\":\"NodeList\",\"items\":[" + K8S.asJson(cluster.nodes.get("one-used")) + ","
        + K8S.asJson(cluster.nodes.get("five-used")) + "," + K8S.asJson(cluster.nodes.get("three-used")) + "]}";
    JsonNode list = JSON.readTree(post("/prioritize", "{\"Pod\":" + K8S.asJson(FakeCluster.whole("new", null, 1)) + ",\"Nodes\":" + nodes + ",\"NodeNames\":null}").body());
    assertThat(list.toString()).contains("\"Host\":\"five-used\",\"Score\":" + ExtenderServer.MAX_PRIORITY, "\"Host\":\"one-used\",\"Score\":0",
        "\"Host\":\"three-used\",\"Score\":5");
  }

  @Test
  void bindChoosesTheGpuAndBinds() throws Exception {
    cluster.pods.add(FakeCluster.fractional("pending", null, 500, null));
    HttpResponse<String> r = post("/bind", "{\"PodName\":\"pending\",\"PodNamespace\":\"ai\",\"PodUID\":\"u1\",\"Node\":\"h100-a\"}");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(r.body()).get("Error").asText()).isEmpty();
    // the half-used GPU 3 is filled rather than a fresh one
    assertThat(cluster.binds).containsExactly("ai/pending->h100-a[3]");
  }

  @Test
  void malformedBodiesGet400WithAMessage() throws Exception {
    for (String bad : List.of("", "{", "[]", "{\"Pod\":3}", "{\"Pod\":{\"metadata\":{\"name\":\"x\"}}}", "{\"Pod\":{\"metadata\":{\"name\":\"x\",\"annotations\":{\"ballast.dev/gpu-milli\":\"2000\"}}},\"NodeNames\":[]}")) {
      HttpResponse<String> r = post("/filter", bad);
      assertThat(r.statusCode()).as(bad).isEqualTo(400);
      assertThat(JSON.readTree(r.body()).get("Error").asText()).as(bad).isNotBlank();
    }
    assertThat(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/filter")).GET().build(), HttpResponse.BodyHandlers.ofString()).statusCode())
        .isEqualTo(405);
  }
}
