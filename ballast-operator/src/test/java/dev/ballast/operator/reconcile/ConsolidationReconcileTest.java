package dev.ballast.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.core.catalog.DefaultCatalog;
import dev.ballast.core.policy.BallastSettings;
import dev.ballast.operator.api.v1alpha1.GpuNodePool;
import dev.ballast.operator.api.v1alpha1.GpuNodePoolSpec;
import dev.ballast.operator.api.v1alpha1.InferenceScaler;
import dev.ballast.operator.api.v1alpha1.InferenceScalerSpec;
import dev.ballast.operator.capacity.NodeConsolidation;
import dev.ballast.operator.capacity.NodeTiers;
import dev.ballast.operator.scaling.ServingScaler;
import dev.ballast.operator.telemetry.OperatorMetrics;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.InputStream;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Consolidation in a cluster: the GpuNodePool and InferenceScaler reconcilers, sharing one {@link
 * NodeConsolidation}, against the fabric8 mock API server. The test plays the ReplicaSet and
 * kube-scheduler: it creates the replacement pods and deletes the marked ones.
 */
@EnableKubernetesMockClient(crud = true)
class ConsolidationReconcileTest {
  static KubernetesClient client;
  static final String NS = "ai";
  static final Duration PERIOD = Duration.ofSeconds(15);
  static final Map<String, String> SELECTOR = Map.of("ballast.dev/pool", "h100x8");

  MutableClock clock;
  GpuNodePoolReconciler pools;
  InferenceScalerReconciler scalers;

  @BeforeEach
  void setUp() throws Exception {
    for (String kind : new String[] {"gpunodepools", "inferencescalers"}) {
      try (InputStream in = getClass().getResourceAsStream("/META-INF/fabric8/" + kind + ".ballast.dev-v1.yml")) {
        CustomResourceDefinition crd = client.getKubernetesSerialization().unmarshal(in, CustomResourceDefinition.class);
        client.apiextensions().v1().customResourceDefinitions().resource(crd).createOr(c -> c.update());
      }
    }
    client.resources(GpuNodePool.class).delete();
    client.resources(InferenceScaler.class).inAnyNamespace().delete();
    client.nodes().delete();
    client.pods().inAnyNamespace().delete();
    client.v1().events().inAnyNamespace().delete();
    clock = new MutableClock();
    OperatorMetrics telemetry = new OperatorMetrics(new PrometheusRegistry());
    NodeConsolidation shared = new NodeConsolidation();
    pools = new GpuNodePoolReconciler(client, clock, PERIOD, Duration.ofMinutes(2), "ballast-system", DefaultCatalog.get(), telemetry);
    pools.useConsolidation(shared);
    scalers = new InferenceScalerReconciler(client, new SyntheticMetrics(5), clock, PERIOD, ServingScaler.defaultSettings(), telemetry);
    scalers.useConsolidation(shared);
    node("full");
    node("light");
    for (int i = 0; i < 6; i++) {
      replica("f" + i, "full");
    }
    replica("l0", "light");
    replica("l1", "light");
    deployment(8);
  }

  static void node(String name) {
    client.nodes().resource(new NodeBuilder().withNewMetadata().withName(name).withLabels(SELECTOR).withCreationTimestamp("2026-11-27T11:00:00Z").endMetadata()
        .withNewSpec().endSpec()
        .withNewStatus().addToCapacity("nvidia.com/gpu", new Quantity("8")).addNewCondition().withType("Ready").withStatus("True").endCondition().endStatus()
        .build()).create();
  }

  /** A Ready one-GPU replica of Deployment llama, owned through its ReplicaSet as the Deployment controller makes it. */
  static void replica(String name, String nodeName) {
    client.pods().inNamespace(NS).resource(new PodBuilder().withNewMetadata().withName(name).withNamespace(NS)
        .addToLabels("app", "llama").addToLabels("pod-template-hash", "7d9f")
        .addNewOwnerReference().withApiVersion("apps/v1").withKind("ReplicaSet").withName("llama-7d9f").withUid("rs-uid").withController(true).endOwnerReference()
        .endMetadata()
        .withNewSpec().withNodeName(nodeName).withNodeSelector(SELECTOR)
        .addNewContainer().withName("vllm").withImage("vllm/vllm-openai").withNewResources().addToLimits("nvidia.com/gpu", new Quantity("1")).endResources().endContainer()
        .endSpec()
        .withNewStatus().withPhase("Running").addNewCondition().withType("Ready").withStatus("True").endCondition().endStatus()
        .build()).create();
  }

  static void deployment(int replicas) {
    client.apps().deployments().inNamespace(NS).resource(new DeploymentBuilder().withNewMetadata().withName("llama").withNamespace(NS).endMetadata()
        .withNewSpec().withReplicas(replicas).withNewSelector().addToMatchLabels("app", "llama").endSelector()
        .withNewTemplate().withNewMetadata().addToLabels("app", "llama").endMetadata().withNewSpec().addNewContainer().withName("vllm").withImage("vllm/vllm-openai").endContainer().endSpec().endTemplate()
        .endSpec().withNewStatus().withReplicas(replicas).withReadyReplicas(replicas).endStatus().build()).createOr(c -> c.update());
  }

  /** What the Deployment controller reports: its pods and how many are Ready (the spec is Ballast's). */
  static void ready(int pods, int ready) {
    client.apps().deployments().inNamespace(NS).withName("llama").editStatus(d -> {
      d.getStatus().setReplicas(pods);
      d.getStatus().setReadyReplicas(ready);
      return d;
    });
  }

  static GpuNodePool pool(InferenceScalerSpec.Mode mode) {
    GpuNodePoolSpec spec = new GpuNodePoolSpec();
    spec.gpuType = "H100-80GB";
    spec.nodeType = "p5.48xlarge";
    spec.nodeSelector.putAll(SELECTOR);
    spec.maxNodes = 10;
    spec.minNodes = 2;
    spec.mode = mode;
    GpuNodePool pool = new GpuNodePool();
    pool.setMetadata(new ObjectMetaBuilder().withName("h100x8").withGeneration(1L).build());
    pool.setSpec(spec);
    return client.resources(GpuNodePool.class).resource(pool).createOr(c -> c.update());
  }

  static InferenceScaler scaler(InferenceScalerSpec.Mode mode) {
    InferenceScaler cr = new InferenceScaler();
    cr.setMetadata(new ObjectMetaBuilder().withName("llama").withNamespace(NS).withGeneration(1L).build());
    InferenceScalerSpec spec = dev.ballast.operator.scaling.ScalerSpecs.target();
    spec.gpuType = "H100-80GB";
    spec.minReplicas = 8; // light traffic: the plan is the floor, so what consolidation adds shows
    spec.maxReplicas = 40;
    spec.mode = mode;
    cr.setSpec(spec);
    return client.resources(InferenceScaler.class).inNamespace(NS).resource(cr).createOr(c -> c.update());
  }

  /** One period: each reconciler runs once, its status patch applied as JOSDK would. */
  void period() {
    GpuNodePool pool = client.resources(GpuNodePool.class).withName("h100x8").get();
    UpdateControl<GpuNodePool> p = pools.reconcile(pool, null);
    if (p.isPatchStatus()) {
      client.resources(GpuNodePool.class).resource(p.getResource().orElseThrow()).updateStatus();
    }
    InferenceScaler cr = client.resources(InferenceScaler.class).inNamespace(NS).withName("llama").get();
    UpdateControl<InferenceScaler> s = scalers.reconcile(cr, null);
    if (s.isPatchStatus()) {
      client.resources(InferenceScaler.class).inNamespace(NS).resource(s.getResource().orElseThrow()).updateStatus();
    }
    clock.advance(PERIOD);
  }

  /** A few periods, an hour on, and a few more: far past any consolidation delay. */
  void anHourOfPeriods() {
    for (int i = 0; i < 4; i++) {
      period();
    }
    clock.advance(Duration.ofHours(1));
    for (int i = 0; i < 4; i++) {
      period();
    }
  }

  static int desired() {
    return client.apps().deployments().inNamespace(NS).withName("llama").get().getSpec().getReplicas();
  }

  static boolean tainted(String node) {
    return NodeTiers.consolidating(client.nodes().withName(node).get());
  }

  static String deletionCost(String pod) {
    Map<String, String> ann = client.pods().inNamespace(NS).withName(pod).get().getMetadata().getAnnotations();
    return ann == null ? null : ann.get(NodeConsolidation.DELETION_COST);
  }

  static String scalerReason() {
    return client.resources(InferenceScaler.class).inNamespace(NS).withName("llama").get().getStatus().lastDecision.reason;
  }

  @Test
  void anUnderUsedNodeIsEmptiedMakeBeforeBreakThroughTheDeploymentsScale() {
    pool(InferenceScalerSpec.Mode.Enforce);
    scaler(InferenceScalerSpec.Mode.Enforce);
    for (int i = 0; i < 4; i++) {
      period();
    }
    assertThat(desired()).as("the plan: the floor of 8").isEqualTo(8);
    assertThat(tainted("light")).as("under-used, but not for 5 minutes yet").isFalse();

    clock.advance(Duration.ofMinutes(5));
    period();
    assertThat(tainted("light")).as("the node being emptied is softly tainted").isTrue();
    assertThat(tainted("full")).isFalse();
    assertThat(desired()).as("one replica more for each replica on the light node, before either goes").isEqualTo(10);
    assertThat(scalerReason()).contains("+2 while replicas move: consolidate light: 2 of 8 GPUs in use");
    assertThat(deletionCost("l0")).isEqualTo(NodeConsolidation.LEAVING_COST);
    assertThat(deletionCost("l1")).isEqualTo(NodeConsolidation.LEAVING_COST);
    assertThat(deletionCost("f0")).isNull();
    assertThat(client.v1().events().inAnyNamespace().list().getItems()).anyMatch(e -> e.getReason().equals("Consolidating") && e.getMessage().contains("consolidate light"));

    // the ReplicaSet makes two pods; kube-scheduler, the light node softly tainted, puts them on the full one; one is Ready
    replica("n0", "full");
    ready(10, 9);
    period();
    assertThat(desired()).as("one replacement serves, so one leaving replica may go").isEqualTo(9);
    replica("n1", "full");
    ready(10, 10);
    period();
    assertThat(desired()).as("both replacements serve: back to the plan").isEqualTo(8);

    // the ReplicaSet scales down the pods of lowest deletion cost: the two on the light node
    client.pods().inNamespace(NS).withName("l0").delete();
    client.pods().inNamespace(NS).withName("l1").delete();
    ready(8, 8);
    period();
    period();
    assertThat(desired()).isEqualTo(8);
    assertThat(tainted("light")).as("the emptied node keeps its taint until it rests").isTrue();

    // pods that land on it anyway lift the taint
    replica("late", "light");
    period();
    assertThat(tainted("light")).isFalse();
  }

  @Test
  void aPoolThatIsDeletedEndsItsMovesAndItsServicesWantNoMoreReplicasForThem() {
    GpuNodePool pool = pool(InferenceScalerSpec.Mode.Enforce);
    scaler(InferenceScalerSpec.Mode.Enforce);
    period();
    period(); // the pool sees the scaler's replicas from its second reconcile on
    clock.advance(Duration.ofMinutes(5));
    period();
    assertThat(desired()).isEqualTo(10);
    pools.cleanup(pool, null);
    client.resources(GpuNodePool.class).withName("h100x8").delete();
    InferenceScaler cr = client.resources(InferenceScaler.class).inNamespace(NS).withName("llama").get();
    UpdateControl<InferenceScaler> s = scalers.reconcile(cr, null);
    assertThat(desired()).isEqualTo(8);
    assertThat(s.getResource().orElseThrow().getStatus().lastDecision.reason).doesNotContain("while replicas move");
  }

  @Test
  void nothingMovesInRecommendModeNorWhileAPodThereIsNotAScaledReplica() {
    pool(InferenceScalerSpec.Mode.Recommend);
    scaler(InferenceScalerSpec.Mode.Enforce);
    anHourOfPeriods();
    assertThat(tainted("light")).isFalse();
    assertThat(desired()).isEqualTo(8);
    assertThat(deletionCost("l0")).isNull();

    pool(InferenceScalerSpec.Mode.Enforce);
    scaler(InferenceScalerSpec.Mode.Recommend);
    anHourOfPeriods();
    assertThat(tainted("light")).as("a Recommend-mode InferenceScaler's replicas are not moved").isFalse();

    scaler(InferenceScalerSpec.Mode.Enforce);
    Pod training = new PodBuilder().withNewMetadata().withName("train").withNamespace(NS).endMetadata()
        .withNewSpec().withNodeName("light").addNewContainer().withName("t").withImage("trainer").withNewResources().addToLimits("nvidia.com/gpu", new Quantity("1")).endResources().endContainer().endSpec()
        .withNewStatus().withPhase("Running").endStatus().build();
    client.pods().inNamespace(NS).resource(training).create();
    anHourOfPeriods();
    assertThat(tainted("light")).as("a pod Ballast does not scale keeps its node").isFalse();
    assertThat(desired()).isEqualTo(8);
  }

  @Test
  void theCrdsDefaultIsTheTwinsSettingAndZeroTurnsItOff() {
    assertThat(GpuNodePoolReconciler.consolidateAfterSeconds(new GpuNodePoolSpec()))
        .isEqualTo(BallastSettings.CONSOLIDATE_AFTER.defaultValue().toSeconds());
    GpuNodePoolSpec off = new GpuNodePoolSpec();
    off.consolidateAfter = "0s";
    assertThat(GpuNodePoolReconciler.consolidateAfterSeconds(off)).isZero();

    GpuNodePool pool = pool(InferenceScalerSpec.Mode.Enforce);
    pool.getSpec().consolidateAfter = "0s";
    client.resources(GpuNodePool.class).resource(pool).update();
    scaler(InferenceScalerSpec.Mode.Enforce);
    clock.advance(Duration.ofHours(1));
    for (int i = 0; i < 6; i++) {
      period();
    }
    assertThat(tainted("light")).isFalse();
    assertThat(desired()).isEqualTo(8);

    pool = client.resources(GpuNodePool.class).withName("h100x8").get();
    pool.getSpec().consolidateAfter = "48h";
    client.resources(GpuNodePool.class).resource(pool).update();
    period();
    GpuNodePool reported = client.resources(GpuNodePool.class).withName("h100x8").get();
    assertThat(reported.getStatus().conditions).anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("False")
        && c.getReason().equals("InvalidConsolidateAfter") && c.getMessage().contains("outside"));
  }
}
