package dev.ballast.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ballast.operator.api.v1alpha1.GpuNodePool;
import dev.ballast.operator.api.v1alpha1.GpuNodePoolSpec;
import dev.ballast.operator.api.v1alpha1.InferenceScaler;
import dev.ballast.operator.api.v1alpha1.InferenceScalerSpec;
import dev.ballast.operator.host.BallastOperator;
import dev.ballast.operator.host.OperatorOptions;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * What a platform engineer does first, as one scenario: install the chart's CRDs, point an
 * InferenceScaler and a GpuNodePool in Recommend mode at a workload, run the operator, and read
 * Ballast's status, with nothing else changed. It runs against the fabric8 mock here and, with
 * {@code BALLAST_E2E=1}, against the cluster of the current kubeconfig ({@link RealClusterIT}),
 * where the API server also enforces the CRDs' CEL rules.
 */
final class RecommendScenario {
  static final String NAME = "ballast-e2e";

  private RecommendScenario() {}

  static void run(KubernetesClient client, String ns, boolean realApiServer) throws Exception {
    installCrds(client, realApiServer);
    if (client.namespaces().withName(ns).get() == null) {
      client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).create();
    }
    try {
      if (realApiServer) {
        InferenceScaler bad = scaler(ns);
        bad.getSpec().minReplicas = 5;
        bad.getSpec().maxReplicas = 2;
        assertThatThrownBy(() -> client.resources(InferenceScaler.class).inNamespace(ns).resource(bad).create())
            .isInstanceOf(KubernetesClientException.class).hasMessageContaining("minReplicas must not exceed maxReplicas");
      }
      client.apps().deployments().inNamespace(ns).resource(new DeploymentBuilder().withNewMetadata().withName(NAME).withNamespace(ns).endMetadata()
          .withNewSpec().withReplicas(1).withNewSelector().addToMatchLabels("app", NAME).endSelector()
          .withNewTemplate().withNewMetadata().addToLabels("app", NAME).endMetadata()
          .withNewSpec().addNewContainer().withName("pause").withImage("registry.k8s.io/pause:3.9").endContainer().endSpec().endTemplate()
          .endSpec().build()).createOr(c -> c.update());
      client.resources(InferenceScaler.class).inNamespace(ns).resource(scaler(ns)).createOr(c -> c.update());
      client.resources(GpuNodePool.class).resource(pool()).createOr(c -> c.update());

      OperatorOptions options = new OperatorOptions(ns, Set.of(ns), true, Duration.ofSeconds(2), Duration.ofMinutes(10), false, -1, -1, -1, null, null);
      try (BallastOperator operator = BallastOperator.forCluster(client, options)) {
        operator.start();
        await("the InferenceScaler's status says the metrics are unavailable", () -> {
          InferenceScaler cr = client.resources(InferenceScaler.class).inNamespace(ns).withName(NAME).get();
          return cr.getStatus() != null && condition(cr.getStatus().conditions, "MetricsAvailable") != null;
        });
        await("the GpuNodePool's status carries a decision", () -> {
          GpuNodePool p = client.resources(GpuNodePool.class).withName(NAME).get();
          return p.getStatus() != null && p.getStatus().lastDecision != null;
        });
      }
      InferenceScaler cr = client.resources(InferenceScaler.class).inNamespace(ns).withName(NAME).get();
      Condition metrics = condition(cr.getStatus().conditions, "MetricsAvailable");
      assertThat(metrics.getStatus()).isEqualTo("False");
      assertThat(metrics.getMessage()).contains("holding, nothing scales down");
      assertThat(cr.getStatus().observedGeneration).isEqualTo(cr.getMetadata().getGeneration());
      assertThat(condition(cr.getStatus().conditions, "Enforcing").getStatus()).isEqualTo("False");
      assertThat(client.apps().deployments().inNamespace(ns).withName(NAME).get().getSpec().getReplicas()).as("recommend mode changes nothing").isEqualTo(1);
      GpuNodePool p = client.resources(GpuNodePool.class).withName(NAME).get();
      assertThat(condition(p.getStatus().conditions, "Ready").getStatus()).isEqualTo("True");
      assertThat(p.getStatus().serving).isZero();
    } finally {
      delete(client, client.resources(InferenceScaler.class).inNamespace(ns).withName(NAME).get());
      delete(client, client.resources(GpuNodePool.class).withName(NAME).get());
      client.apps().deployments().inNamespace(ns).withName(NAME).delete();
    }
  }

  /** The chart's CRDs, as {@code helm install} applies them; on a real server, waits until they serve. */
  static void installCrds(KubernetesClient client, boolean realApiServer) throws Exception {
    List<Path> files;
    try (Stream<Path> s = Files.list(Path.of("..", "deploy", "helm", "ballast", "crds"))) {
      files = s.filter(f -> f.toString().endsWith(".yml")).sorted().toList();
    }
    assertThat(files).hasSize(3);
    for (Path f : files) {
      CustomResourceDefinition crd = client.getKubernetesSerialization().unmarshal(Files.readString(f), CustomResourceDefinition.class);
      client.apiextensions().v1().customResourceDefinitions().resource(crd).createOr(c -> c.update());
      if (realApiServer) {
        client.apiextensions().v1().customResourceDefinitions().withName(crd.getMetadata().getName()).waitUntilCondition(
            c -> c.getStatus() != null && c.getStatus().getConditions() != null
                && c.getStatus().getConditions().stream().anyMatch(x -> "Established".equals(x.getType()) && "True".equals(x.getStatus())),
            60, TimeUnit.SECONDS);
      }
    }
  }

  static InferenceScaler scaler(String ns) {
    InferenceScaler cr = new InferenceScaler();
    cr.setMetadata(new ObjectMetaBuilder().withName(NAME).withNamespace(ns).build());
    InferenceScalerSpec spec = dev.ballast.operator.scaling.ScalerSpecs.target(NAME);
    spec.maxReplicas = 4;
    spec.mode = InferenceScalerSpec.Mode.Recommend;
    spec.metrics.prometheusUrl = "http://127.0.0.1:9"; // nothing answers: Ballast must hold and say so
    cr.setSpec(spec);
    return cr;
  }

  static GpuNodePool pool() {
    GpuNodePool pool = new GpuNodePool();
    pool.setMetadata(new ObjectMetaBuilder().withName(NAME).build());
    GpuNodePoolSpec spec = new GpuNodePoolSpec();
    spec.gpuType = "H100-80GB";
    spec.nodeSelector.put("ballast.dev/pool", NAME); // no node carries it
    spec.maxNodes = 2;
    spec.mode = InferenceScalerSpec.Mode.Recommend;
    spec.provider.kind = GpuNodePoolSpec.Provider.Kind.None;
    pool.setSpec(spec);
    return pool;
  }

  static Condition condition(List<Condition> conditions, String type) {
    return conditions == null ? null : conditions.stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
  }

  /** Deletes a resource the operator may have put its finalizer on, after the operator is gone. */
  static void delete(KubernetesClient client, HasMetadata resource) {
    if (resource == null) {
      return;
    }
    client.resource(resource).edit(r -> {
      r.getMetadata().setFinalizers(List.of());
      return r;
    });
    client.resource(resource).delete();
  }

  static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("timed out waiting until " + what).isLessThan(deadline);
      Thread.sleep(200);
    }
  }
}
