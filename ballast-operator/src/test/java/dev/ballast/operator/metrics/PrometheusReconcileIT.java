package dev.ballast.operator.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.operator.api.Crds;
import dev.ballast.operator.api.v1alpha1.InferenceScaler;
import dev.ballast.operator.api.v1alpha1.InferenceScalerSpec;
import dev.ballast.operator.reconcile.InferenceScalerReconciler;
import dev.ballast.operator.scaling.ServingScaler;
import dev.ballast.operator.telemetry.OperatorMetrics;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reconciler on real Prometheus signals: a real Prometheus server (installed from Debian by
 * .ci/run) scrapes a vLLM-like exporter every second; the reconciler reads it through the HTTP API
 * and scales a Deployment on the fabric8 mock API server. Skipped where no prometheus binary is
 * installed, unless {@code BALLAST_REQUIRE_PROMETHEUS} is set (as CI does).
 */
@EnableKubernetesMockClient(crud = true)
class PrometheusReconcileIT {
  static KubernetesClient client;
  static final String NS = "ai";
  @TempDir Path dir;

  static void deployment(String name) {
    deployment(name, 2);
  }

  static void deployment(String name, int replicas) {
    client.apps().deployments().inNamespace(NS).resource(new DeploymentBuilder().withNewMetadata().withName(name).withNamespace(NS).endMetadata()
        .withNewSpec().withReplicas(replicas).withNewSelector().addToMatchLabels("app", name).endSelector()
        .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata().withNewSpec().addNewContainer().withName("vllm").withImage("vllm/vllm-openai").endContainer().endSpec().endTemplate()
        .endSpec().withNewStatus().withReplicas(replicas).withReadyReplicas(replicas).endStatus().build()).createOr(c -> c.update());
  }

  static InferenceScaler scaler(String name, InferenceScalerSpec.Mode mode, String prometheus) {
    return scaler(name, mode, prometheus, spec -> {});
  }

  static InferenceScaler scaler(String name, InferenceScalerSpec.Mode mode, String prometheus, java.util.function.Consumer<InferenceScalerSpec> also) {
    InferenceScaler cr = new InferenceScaler();
    cr.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NS).withGeneration(1L).build());
    InferenceScalerSpec spec = dev.ballast.operator.scaling.ScalerSpecs.target(name);
    spec.maxReplicas = 40;
    spec.mode = mode;
    spec.metrics.prometheusUrl = prometheus;
    spec.metrics.selector = "namespace=\"ai\",model_name=\"llama\"";
    spec.metrics.staleAfterSeconds = 5;
    also.accept(spec);
    cr.setSpec(spec);
    return client.resources(InferenceScaler.class).inNamespace(NS).resource(cr).createOr(c -> c.update());
  }

  static InferenceScaler reconcile(InferenceScalerReconciler reconciler, InferenceScaler cr) {
    UpdateControl<InferenceScaler> control = reconciler.reconcile(cr, null);
    if (control.isPatchStatus()) {
      client.resources(InferenceScaler.class).inNamespace(NS).resource(control.getResource().orElseThrow()).updateStatus();
    }
    return client.resources(InferenceScaler.class).inNamespace(NS).withName(cr.getMetadata().getName()).get();
  }

  static int replicas(String name) {
    return client.apps().deployments().inNamespace(NS).withName(name).get().getSpec().getReplicas();
  }

  static Condition condition(InferenceScaler cr, String type) {
    return cr.getStatus().conditions.stream().filter(c -> c.getType().equals(type)).findFirst().orElseThrow();
  }

  /** The prometheus binary, or the test is skipped (failed where CI requires it). */
  static Path prometheusBinary() {
    Path binary = PrometheusServer.binary();
    if (binary == null) {
      if (System.getenv("BALLAST_REQUIRE_PROMETHEUS") != null) {
        throw new AssertionError("BALLAST_REQUIRE_PROMETHEUS is set but no prometheus is on the PATH (apt-get install prometheus)");
      }
      Assumptions.abort("no prometheus binary on the PATH; .ci/run installs it");
    }
    return binary;
  }

  static InferenceScalerReconciler reconciler() {
    return new InferenceScalerReconciler(client, new PrometheusServiceMetrics(new PrometheusClient(Duration.ofSeconds(5))),
        InstantSource.system(), Duration.ofSeconds(1), ServingScaler.defaultSettings(), new OperatorMetrics(new PrometheusRegistry()));
  }

  /**
   * Two replicas, each its own exporter; one goes. Its series go stale, the sums that the queries
   * take lose its counts, and what Ballast reads must still be no negative traffic.
   */
  @Test
  void aReplicaThatGoesTakesItsCountsOutOfTheSumsAndNoNegativeTrafficIsRead() throws Exception {
    Path binary = prometheusBinary();
    Crds.install(client, "inferencescalers");
    deployment("pair");
    try (VllmExporter first = new VllmExporter(100);
        VllmExporter second = new VllmExporter(100);
        PrometheusServer prometheus = new PrometheusServer(binary, dir, first.port(), second.port())) {
      prometheus.awaitData("count(vllm:request_success_total) == 2", Duration.ofSeconds(30));
      Thread.sleep(2500);
      InferenceScalerReconciler reconciler = reconciler();
      InferenceScaler cr = scaler("pair", InferenceScalerSpec.Mode.Recommend, prometheus.url());
      for (int i = 0; i < 6; i++) {
        cr = reconcile(reconciler, cr);
        Thread.sleep(1000);
      }
      java.util.regex.Matcher level = java.util.regex.Pattern.compile("level ([0-9.]+)").matcher(cr.getStatus().lastDecision.reason);
      assertThat(level.find()).as(cr.getStatus().lastDecision.reason).isTrue();
      assertThat(Double.parseDouble(level.group(1))).as("both replicas' 100 req/s, summed").isBetween(150.0, 250.0);
      second.fail();
      for (int i = 0; i < 8; i++) {
        cr = reconcile(reconciler, cr);
        assertThat(cr.getStatus().lastDecision.reason).as("after a replica went").doesNotContain("level -", "last -");
        Thread.sleep(1000);
      }
      assertThat(condition(cr, "MetricsAvailable").getStatus()).isEqualTo("True");
    }
  }

  @Test
  void scalesOnVllmSeriesFromARealPrometheusAndHoldsWhenTheyGoStale() throws Exception {
    Path binary = prometheusBinary();
    Crds.install(client, "inferencescalers");
    deployment("llama");
    deployment("llama-shadow");
    try (VllmExporter exporter = new VllmExporter(200);
        PrometheusServer prometheus = new PrometheusServer(binary, dir, exporter.port())) {
      prometheus.awaitData("vllm:request_success_total", Duration.ofSeconds(30));
      Thread.sleep(2500); // a few scrapes, so that counters have moved
      InferenceScalerReconciler reconciler = reconciler();
      InferenceScaler enforce = scaler("llama", InferenceScalerSpec.Mode.Enforce, prometheus.url());
      InferenceScaler recommend = scaler("llama-shadow", InferenceScalerSpec.Mode.Recommend, prometheus.url());
      for (int i = 0; i < 8; i++) {
        enforce = reconcile(reconciler, enforce);
        recommend = reconcile(reconciler, recommend);
        Thread.sleep(1000);
      }
      assertThat(condition(enforce, "MetricsAvailable").getStatus()).as(condition(enforce, "MetricsAvailable").getMessage()).isEqualTo("True");
      // 200 req/s of 1,000/200-token requests need about 10 H100 replicas (as the twin sizes them)
      assertThat(replicas("llama")).isBetween(6, 20);
      assertThat(enforce.getStatus().recommendedReplicas).isEqualTo(replicas("llama"));
      assertThat(enforce.getStatus().lastDecision.reason).contains("req/s per replica");
      assertThat(client.v1().events().inNamespace(NS).list().getItems()).anyMatch(e -> e.getReason().equals("Scaled") && e.getMessage().contains("llama 2 -> "));
      assertThat(replicas("llama-shadow")).as("recommend mode changes nothing").isEqualTo(2);
      assertThat(recommend.getStatus().recommendedReplicas).isGreaterThan(2);

      int before = replicas("llama");
      exporter.fail(); // the server stops answering: scrapes fail, the series go stale
      for (int i = 0; i < 10; i++) {
        enforce = reconcile(reconciler, enforce);
        assertThat(replicas("llama")).as("holds while stale").isEqualTo(before);
        Thread.sleep(1000);
      }
      assertThat(condition(enforce, "MetricsAvailable").getStatus()).isEqualTo("False");
      assertThat(condition(enforce, "MetricsAvailable").getMessage()).contains("holding, nothing scales down");
    }
  }

  /**
   * Scale to zero through a real Prometheus: the last replica's exporter has gone, so its vLLM
   * series are stale and the service is at zero; a stand-in for the KEDA HTTP add-on's interceptor
   * exports what it holds, and requests held there wake the service.
   */
  @Test
  void aServiceAtZeroWakesOnTheRequestsItsGatewayHolds() throws Exception {
    Path binary = prometheusBinary();
    Crds.install(client, "inferencescalers");
    deployment("llama-zero", 0);
    java.util.concurrent.atomic.AtomicInteger held = new java.util.concurrent.atomic.AtomicInteger();
    String heldQuery = "sum(interceptor_request_concurrency{route_name=\"llama-zero\",route_namespace=\"ai\"})";
    try (VllmExporter lastReplica = new VllmExporter(20);
        MetricsEndpoint interceptor = new MetricsEndpoint(() -> "# TYPE interceptor_request_concurrency gauge\n"
            + "interceptor_request_concurrency{route_name=\"llama-zero\",route_namespace=\"ai\"} " + held.get() + "\n");
        PrometheusServer prometheus = new PrometheusServer(binary, dir, lastReplica.port(), interceptor.port())) {
      prometheus.awaitData("vllm:request_success_total", Duration.ofSeconds(30));
      prometheus.awaitData(heldQuery, Duration.ofSeconds(30));
      lastReplica.fail(); // the last replica has gone: its scrapes fail and Prometheus marks its series stale
      prometheus.awaitNoData("vllm:request_success_total", Duration.ofSeconds(30));
      InferenceScalerReconciler reconciler = reconciler();
      InferenceScaler cr = scaler("llama-zero", InferenceScalerSpec.Mode.Enforce, prometheus.url(), spec -> {
        spec.minReplicas = 0;
        spec.scaleToZero = true;
        spec.metrics.heldRequests = heldQuery;
      });
      for (int i = 0; i < 5; i++) {
        cr = reconcile(reconciler, cr);
        assertThat(replicas("llama-zero")).as("nothing held: %s", cr.getStatus().lastDecision == null ? "" : cr.getStatus().lastDecision.reason).isZero();
        Thread.sleep(1000);
      }
      assertThat(condition(cr, "MetricsAvailable").getStatus()).as(condition(cr, "MetricsAvailable").getMessage()).isEqualTo("True");
      assertThat(condition(cr, "MetricsAvailable").getMessage()).contains("at zero: demand is what the gateway holds");

      held.set(3);
      prometheus.awaitData(heldQuery + " == 3", Duration.ofSeconds(30));
      for (int i = 0; i < 5 && replicas("llama-zero") == 0; i++) {
        cr = reconcile(reconciler, cr);
        Thread.sleep(1000);
      }
      assertThat(replicas("llama-zero")).as(cr.getStatus().lastDecision.reason).isGreaterThanOrEqualTo(1);
      assertThat(client.v1().events().inNamespace(NS).list().getItems())
          .anyMatch(e -> e.getReason().equals("Scaled") && e.getMessage().contains("llama-zero 0 -> "));
    }
  }
}
