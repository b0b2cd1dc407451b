package dev.ballast.operator.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.core.spi.ServiceSample;
import dev.ballast.operator.api.Crds;
import dev.ballast.operator.api.v1alpha1.InferenceScaler;
import dev.ballast.operator.api.v1alpha1.InferenceScalerSpec;
import dev.ballast.operator.metrics.ServiceMetricsSource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The whole operator (Java Operator SDK, informers, Lease, endpoints) against the fabric8 mock API server. */
@EnableKubernetesMockClient(crud = true, https = false)
class BallastOperatorTest {
  static KubernetesClient client;
  static KubernetesMockServer server;
  static final String NS = "ai";
  static final String SYSTEM = "ballast-system";

  /** Time at 75 times real speed: a 200 ms period is a 15 s one to the policy. */
  static final class FastClock implements InstantSource {
    final Instant start = Instant.parse("2026-11-27T12:00:00Z");
    final long origin = System.nanoTime();

    @Override
    public Instant instant() {
      return start.plusNanos((System.nanoTime() - origin) * 75);
    }
  }

  /** 200 req/s of 1,000/200-token requests, all within the SLO. */
  static final class SteadyTraffic implements ServiceMetricsSource {
    @Override
    public ServiceSample sample(InferenceScalerSpec spec, int replicas, int ready, Instant at) {
      long n = Math.round(200 * (at.toEpochMilli() / 1000.0 - 1.7e9));
      return new ServiceSample(at, ready, 0, 0, n, n * 1000, n * 200, n, n, 0, 200.0, 0, 0, 0.3);
    }
  }

  @AfterAll
  static void shutDownTheMockServer() {
    MockApiServer.shutDown(server);
  }

  @BeforeEach
  void setUp() throws Exception {
    Crds.install(client, "inferencescalers", "gpunodepools");
    // the authorizer's part, which the mock lacks: the SDK checks it may use Leases before electing a leader
    server.expect().post().withPath("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews").andReturn(201, new SelfSubjectRulesReviewBuilder()
        .withNewStatus().addNewResourceRule().withApiGroups("coordination.k8s.io").withResources("leases").withVerbs("get", "create", "update").endResourceRule()
        .withIncomplete(false).endStatus().build()).always();
    for (InferenceScaler left : client.resources(InferenceScaler.class).inAnyNamespace().list().getItems()) { // the last test's operator is gone: drop its finalizer
      client.resources(InferenceScaler.class).resource(left).edit(cr -> {
        cr.getMetadata().setFinalizers(java.util.List.of());
        return cr;
      });
      client.resources(InferenceScaler.class).resource(left).delete();
    }
    await("scalers from earlier tests are gone", () -> client.resources(InferenceScaler.class).inNamespace(NS).withName("llama").get() == null);
    client.apps().deployments().inNamespace(NS).resource(new DeploymentBuilder().withNewMetadata().withName("llama").withNamespace(NS).endMetadata()
        .withNewSpec().withReplicas(2).withNewSelector().addToMatchLabels("app", "llama").endSelector()
        .withNewTemplate().withNewMetadata().addToLabels("app", "llama").endMetadata().withNewSpec().addNewContainer().withName("vllm").withImage("vllm/vllm-openai").endContainer().endSpec().endTemplate()
        .endSpec().withNewStatus().withReplicas(2).withReadyReplicas(2).endStatus().build()).createOr(c -> c.update());
  }

  static InferenceScaler scaler(InferenceScalerSpec.Mode mode) {
    InferenceScaler cr = new InferenceScaler();
    cr.setMetadata(new ObjectMetaBuilder().withName("llama").withNamespace(NS).build());
    InferenceScalerSpec spec = dev.ballast.operator.scaling.ScalerSpecs.target();
    spec.maxReplicas = 40;
    spec.mode = mode;
    cr.setSpec(spec);
    return client.resources(InferenceScaler.class).inNamespace(NS).resource(cr).create();
  }

  static OperatorOptions options(Duration period) {
    return new OperatorOptions(SYSTEM, Set.of(), false, period, Duration.ofMinutes(10), true, 0, 0, -1, null, null);
  }

  static int replicas() {
    return client.apps().deployments().inNamespace(NS).withName("llama").get().getSpec().getReplicas();
  }

  static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("timed out waiting until " + what).isLessThan(deadline);
      Thread.sleep(100);
    }
  }

  static HttpResponse<String> get(int port, String path) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void scalesThroughTheSdkHoldsTheLeaseAndServesItsEndpoints() throws Exception {
    String scale = "/apis/apps/v1/namespaces/" + NS + "/deployments/llama/scale";
    var failure = new StatusBuilder().withCode(500).withMessage("etcdserver: request timed out").build();
    server.expect().put().withPath(scale).andReturn(500, failure).once(); // one API fault, which the SDK's retry recovers from
    try (KubernetesClient noClientRetry = new KubernetesClientBuilder().withConfig(new ConfigBuilder(client.getConfiguration()).withRequestRetryBackoffLimit(0).build()).build();
        BallastOperator operator = new BallastOperator(noClientRetry, options(Duration.ofMillis(200)), new SteadyTraffic(), new FastClock())) {
      operator.start();
      scaler(InferenceScalerSpec.Mode.Enforce);
      await("the Deployment is scaled up", () -> replicas() > 2);
      await("status is written", () -> {
        InferenceScaler cr = client.resources(InferenceScaler.class).inNamespace(NS).withName("llama").get();
        return cr.getStatus() != null && cr.getStatus().recommendedReplicas != null && cr.getStatus().lastDecision != null;
      });
      assertThat(client.leases().inNamespace(SYSTEM).withName(OperatorOptions.LEASE_NAME).get().getSpec().getHolderIdentity()).isNotBlank();
      assertThat(get(operator.healthPort(), "/healthz").statusCode()).isEqualTo(200);
      assertThat(get(operator.healthPort(), "/readyz").statusCode()).isEqualTo(200);
      String metrics = get(operator.healthPort(), "/metrics").body();
      assertThat(metrics).contains("ballast_reconcile_seconds_count{controller=\"inferencescaler\"}", "ballast_recommended_replicas{scaler=\"llama\"}");
      assertThat(metrics).containsPattern("ballast_reconcile_errors_total [1-9]");
      assertThat(get(operator.extenderPort(), "/filter").statusCode()).isEqualTo(405);
    }
  }

  @Test
  void aDroppedWatchIsResumed() throws Exception {
    try (CuttableProxy proxy = new CuttableProxy("127.0.0.1", server.getPort());
        KubernetesClient viaProxy = new KubernetesClientBuilder().withConfig(new ConfigBuilder().withMasterUrl("http://127.0.0.1:" + proxy.port())
            .withRequestRetryBackoffInterval(100).build()).build();
        BallastOperator operator = new BallastOperator(viaProxy, options(Duration.ofHours(1)), new SteadyTraffic(), new FastClock())) {
      operator.start();
      scaler(InferenceScalerSpec.Mode.Recommend);
      await("a recommendation", () -> {
        InferenceScaler cr = client.resources(InferenceScaler.class).inNamespace(NS).withName("llama").get();
        return cr.getStatus() != null && cr.getStatus().recommendedReplicas != null;
      });
      assertThat(replicas()).isEqualTo(2);
      assertThat(proxy.cut()).as("open connections cut").isPositive();
      Thread.sleep(500);
      client.resources(InferenceScaler.class).inNamespace(NS).withName("llama").edit(cr -> {
        cr.getSpec().mode = InferenceScalerSpec.Mode.Enforce;
        return cr;
      });
      // the reconcile period is an hour: only a resumed watch brings the change in
      await("the change after the cut is seen and enforced", () -> replicas() > 2);
    }
  }
}
