package dev.ballast.operator.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ballast.operator.telemetry.OperatorMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Base64;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The webhook over real HTTPS with AdmissionReview v1 bodies. */
class AdmissionWebhookServerTest {
  static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;
  AdmissionWebhookServer server;
  HttpClient https;

  @BeforeEach
  void start() throws Exception {
    SelfSigned cert = new SelfSigned(dir != null ? dir : java.nio.file.Files.createTempDirectory("ballast-webhook"));
    server = new AdmissionWebhookServer(new InetSocketAddress("127.0.0.1", 0), Pem.sslContext(cert.certFile, cert.keyFile), new OperatorMetrics(new PrometheusRegistry()));
    server.start();
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("webhook", cert.certificate);
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    https = HttpClient.newBuilder().sslContext(ctx).build();
  }

  @AfterEach
  @AfterProperty
  void stop() {
    if (server != null) server.close();
    server = null;
  }

  JsonNode admit(String annotations) throws Exception {
    HttpResponse<String> r = post(review(annotations));
    assertThat(r.statusCode()).isEqualTo(200);
    return JSON.readTree(r.body()).get("response");
  }

  HttpResponse<String> post(String body) throws Exception {
    return https.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + server.port() + "/mutate")).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  static String review(String annotations) {
    return """
        {"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":"705ab4f5-6393-11e8-b7cc-42010a800002",
         "kind":{"group":"","version":"v1","kind":"Pod"},"operation":"CREATE","namespace":"ai",
         "object":{"apiVersion":"v1","kind":"Pod","metadata":{"name":"llama-0","namespace":"ai","annotations":{%s}},
           "spec":{"containers":[{"name":"vllm","image":"vllm/vllm-openai","env":[{"name":"HF_HOME","value":"/cache"}]},{"name":"sidecar","image":"busybox"}]}}}}
        """.formatted(annotations);
  }

  @Test
  void anMpsFractionGetsItsLimitsInjected() throws Exception {
    JsonNode r = admit("\"ballast.dev/gpu-milli\":\"300\",\"ballast.dev/gpu-milli-limit\":\"500\",\"ballast.dev/gpu-memory-mib\":\"12000\"");
    assertThat(r.get("uid").asText()).isEqualTo("705ab4f5-6393-11e8-b7cc-42010a800002");
    assertThat(r.get("allowed").asBoolean()).isTrue();
    assertThat(r.get("patchType").asText()).isEqualTo("JSONPatch");
    JsonNode patch = JSON.readTree(Base64.getDecoder().decode(r.get("patch").asText()));
    assertThat(patch.toString())
        .contains("\"path\":\"/spec/containers/0/env/-\"", "CUDA_MPS_ACTIVE_THREAD_PERCENTAGE", "\"value\":\"50\"", "CUDA_MPS_PINNED_DEVICE_MEM_LIMIT", "0=12000M")
        .contains("\"path\":\"/spec/containers/1/env\"")
        // placed after admission: the container reads its GPU from the annotation the extender writes before binding
        .contains("{\"name\":\"NVIDIA_VISIBLE_DEVICES\",\"valueFrom\":{\"fieldRef\":{\"fieldPath\":\"metadata.annotations['ballast.dev/gpu-index']\"}}}");
  }

  @Test
  void placedGpusBecomeVisibleDevices() throws Exception {
    JsonNode r = admit("\"ballast.dev/gpu-milli\":\"1000\",\"ballast.dev/gpu-isolation\":\"exclusive\",\"ballast.dev/gpu-index\":\"0-1\"");
    assertThat(new String(Base64.getDecoder().decode(r.get("patch").asText()))).contains("NVIDIA_VISIBLE_DEVICES", "0,1").doesNotContain("fieldRef");
  }

  @Test
  void invalidRequestsAreRefusedWithAMessage() throws Exception {
    JsonNode r = admit("\"ballast.dev/gpu-milli\":\"1500\"");
    assertThat(r.get("allowed").asBoolean()).isFalse();
    assertThat(r.at("/status/message").asText()).contains("ballast.dev/gpu-milli must be in 1..1000, got 1500");
    assertThat(admit("\"ballast.dev/gpu-milli\":\"200\",\"ballast.dev/gpu-isolation\":\"timeslice\"").at("/status/message").asText()).contains("must accept it");
    assertThat(admit("\"ballast.dev/gpu-milli\":\"200\",\"ballast.dev/gpu-isolation\":\"magic\"").at("/status/message").asText()).contains("mps, timeslice, mig or exclusive");
  }

  @Test
  void migRequestsAreCheckedAgainstTheProfilesOfTheTypesThePodAllows() throws Exception {
    String mig = "\"ballast.dev/gpu-milli\":\"100\",\"ballast.dev/gpu-isolation\":\"mig\",";
    JsonNode granted = admit(mig + "\"ballast.dev/mig-profile\":\"1g.18gb\"");
    assertThat(granted.get("allowed").asBoolean()).isTrue();
    assertThat(granted.has("patch")).as("a MIG instance is exposed by the device plugin, not by a GPU index").isFalse();
    // an H200's smallest instance is 1g.18gb; an H100 offers none of that name
    JsonNode r = admit(mig + "\"ballast.dev/mig-profile\":\"1g.18gb\",\"ballast.dev/gpu-types\":\"NVIDIA-H100-80GB-HBM3\"");
    assertThat(r.get("allowed").asBoolean()).isFalse();
    assertThat(r.at("/status/message").asText()).contains("no GPU type the pod allows (H100-80GB) offers MIG profile 1g.18gb", "1g.10gb 9856 MiB");
    // 1g.10gb holds at most 9,984 MiB on an H100, less than the ten gibibytes asked for
    r = admit(mig + "\"ballast.dev/mig-profile\":\"1g.10gb\",\"ballast.dev/gpu-memory-mib\":\"10240\",\"ballast.dev/gpu-types\":\"H100-80GB\"");
    assertThat(r.at("/status/message").asText()).contains("offers MIG profile 1g.10gb with 10240 MiB");
    assertThat(admit(mig + "\"ballast.dev/gpu-memory-mib\":\"150000\"").at("/status/message").asText()).contains("no MIG profile on any GPU type holds 150000 MiB");
    assertThat(admit(mig + "\"ballast.dev/gpu-types\":\"L4\"").at("/status/message").asText()).contains("no GPU type the pod allows (L4) has MIG");
  }

  @Test
  void otherPodsPassUntouched() throws Exception {
    JsonNode r = admit("\"team\":\"search\"");
    assertThat(r.get("allowed").asBoolean()).isTrue();
    assertThat(r.has("patch")).isFalse();
  }

  @Test
  void aBodyThatIsNotAnAdmissionReviewGets400() throws Exception {
    for (String bad : new String[] {"", "{", "{\"request\":{}}", "{\"request\":{\"uid\":\"u\",\"object\":{\"kind\":\"Pod\",\"spec\":{\"containers\":7}}}}"}) {
      assertThat(post(bad).statusCode()).as(bad).isEqualTo(400);
    }
  }

  @Provide
  net.jqwik.api.Arbitrary<String> values() {
    return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(12), Arbitraries.integers().between(-5, 5000).map(String::valueOf));
  }

  @Property(tries = 60)
  void randomAnnotationValuesNeverGet500(@ForAll("values") String milli, @ForAll("values") String memory, @ForAll("values") String isolation) throws Exception {
    if (server == null) start(); // one server for all tries: jqwik runs them on one instance
    String ann = "\"ballast.dev/gpu-milli\":" + JSON.writeValueAsString(milli) + ",\"ballast.dev/gpu-memory-mib\":" + JSON.writeValueAsString(memory)
        + ",\"ballast.dev/gpu-isolation\":" + JSON.writeValueAsString(isolation);
    assertThat(post(review(ann)).statusCode()).isIn(200, 400);
  }
}
