package dev.ballast.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.ballast.operator.api.Crds;
import dev.ballast.operator.api.v1alpha1.InferenceScaler;
import dev.ballast.operator.api.v1alpha1.InferenceScalerSpec;
import dev.ballast.operator.metrics.PrometheusClient;
import dev.ballast.operator.metrics.PrometheusServiceMetrics;
import dev.ballast.operator.scaling.ServingScaler;
import dev.ballast.operator.telemetry.OperatorMetrics;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A service scaled to zero in a cluster: no replica, so no vLLM series in Prometheus, only the
 * gauge of what the gateway in front holds. The reconciler reads that as the service's demand
 * (the real Prometheus client, against a stub that answers only the gateway's query).
 */
@EnableKubernetesMockClient(crud = true)
class ScaleFromZeroReconcileTest {
  static KubernetesClient client;
  static final String NS = "ai";
  static final Duration PERIOD = Duration.ofSeconds(15);
  static final String HELD = "sum(interceptor_request_concurrency{route_name=\"llama\"})";

  volatile int held;
  HttpServer prometheus;
  MutableClock clock;
  InferenceScalerReconciler reconciler;

  @BeforeEach
  void setUp() throws Exception {
    Crds.install(client, "inferencescalers");
    client.apps().deployments().inNamespace(NS).resource(InferenceScalerReconcilerTest.deployment("llama", 0)).createOr(c -> c.update());
    prometheus = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    prometheus.createContext("/api/v1/query", ex -> {
      String query = java.net.URLDecoder.decode(ex.getRequestURI().getRawQuery(), StandardCharsets.UTF_8);
      String result = query.contains("interceptor_request_concurrency") ? "[{\"metric\":{},\"value\":[0,\"" + held + "\"]}]" : "[]";
      byte[] body = ("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":" + result + "}}").getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(200, body.length);
      try (OutputStream o = ex.getResponseBody()) {
        o.write(body);
      }
    });
    prometheus.start();
    clock = new MutableClock();
    reconciler = new InferenceScalerReconciler(client, new PrometheusServiceMetrics(new PrometheusClient(Duration.ofSeconds(5))), clock, PERIOD,
        ServingScaler.defaultSettings(), new OperatorMetrics(new PrometheusRegistry()));
  }

  @AfterEach
  void stop() {
    prometheus.stop(0);
  }

  InferenceScaler scaler(String heldQuery) {
    InferenceScaler cr = new InferenceScaler();
    cr.setMetadata(new ObjectMetaBuilder().withName("llama").withNamespace(NS).withGeneration(1L).build());
    InferenceScalerSpec spec = dev.ballast.operator.scaling.ScalerSpecs.target();
    spec.minReplicas = 0;
    spec.maxReplicas = 8;
    spec.scaleToZero = true;
    spec.mode = InferenceScalerSpec.Mode.Enforce;
    spec.metrics.prometheusUrl = "http://127.0.0.1:" + prometheus.getAddress().getPort();
    spec.metrics.heldRequests = heldQuery;
    cr.setSpec(spec);
    return client.resources(InferenceScaler.class).inNamespace(NS).resource(cr).createOr(c -> c.update());
  }

  InferenceScaler reconcileOnce(InferenceScaler cr) {
    UpdateControl<InferenceScaler> control = reconciler.reconcile(cr, null);
    if (control.isPatchStatus()) {
      client.resources(InferenceScaler.class).inNamespace(NS).resource(control.getResource().orElseThrow()).updateStatus();
    }
    clock.advance(PERIOD);
    return client.resources(InferenceScaler.class).inNamespace(NS).withName("llama").get();
  }

  int replicas() {
    return client.apps().deployments().inNamespace(NS).withName("llama").get().getSpec().getReplicas();
  }

  @Test
  void requestsHeldAtTheGatewayWakeAServiceAtZero() {
    InferenceScaler cr = scaler(HELD);
    for (int i = 0; i < 8; i++) {
      cr = reconcileOnce(cr); // two idle minutes: nothing held, nothing started
      assertThat(replicas()).as("%d s: %s", 15 * i, cr.getStatus().lastDecision == null ? "" : cr.getStatus().lastDecision.reason).isZero();
    }
    assertThat(InferenceScalerReconcilerTest.condition(cr, "MetricsAvailable").getStatus()).isEqualTo("True");
    assertThat(InferenceScalerReconcilerTest.condition(cr, "MetricsAvailable").getMessage()).contains("at zero: demand is what the gateway holds");

    held = 3;
    for (int i = 0; i < 2; i++) {
      cr = reconcileOnce(cr);
    }
    int woken = replicas();
    assertThat(woken).as(cr.getStatus().lastDecision.reason).isGreaterThanOrEqualTo(1);
    assertThat(client.v1().events().inNamespace(NS).list().getItems()).anyMatch(e -> e.getReason().equals("Scaled") && e.getMessage().contains(" 0 -> "));

    held = 0; // the replica is starting (no kubelet here: it never gets ready), vLLM has no series yet
    for (int i = 0; i < 8; i++) {
      cr = reconcileOnce(cr);
      assertThat(replicas()).as("a replica starting is a hold, not a service at zero").isEqualTo(woken);
    }
    assertThat(InferenceScalerReconcilerTest.condition(cr, "MetricsAvailable").getStatus()).isEqualTo("False");
  }

  @Test
  void withoutTheGatewaysGaugeTheServiceStaysAtZeroAndTheStatusSaysWhy() {
    held = 3;
    InferenceScaler cr = scaler(null);
    for (int i = 0; i < 8; i++) {
      cr = reconcileOnce(cr);
    }
    assertThat(replicas()).isZero();
    assertThat(InferenceScalerReconcilerTest.condition(cr, "MetricsAvailable").getMessage()).contains("without metrics.heldRequests no request can wake the service");
  }
}
