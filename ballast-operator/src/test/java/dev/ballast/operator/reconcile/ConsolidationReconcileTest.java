package dev.ballast.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.core.catalog.DefaultCatalog;
import dev.ballast.core.policy.BallastSettings;
import dev.ballast.operator.api.Crds;
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
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
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
    Crds.install(client, "gpunodepools", "inferencescalers");
    client.resources(GpuNodePool.class).delete();
    client.resources(InferenceScaler.class).inAnyNamespace().delete();
    client.nodes().delete();
    client.pods().inAnyNamespace().delete();
    client.v1().events().inAnyNamespace().delete();
    clock = new MutableClock();
    created = 0;
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
    replica(name, nodeName, true);
  }

  static void replica(String name, String nodeName, boolean ready) {
    client.pods().inNamespace(NS).resource(new PodBuilder().withNewMetadata().withName(name).withNamespace(NS)
        .addToLabels("app", "llama").addToLabels("pod-template-hash", "7d9f")
        .addNewOwnerReference().withApiVersion("apps/v1").withKind("ReplicaSet").withName("llama-7d9f").withUid("rs-uid").withController(true).endOwnerReference()
        .endMetadata()
        .withNewSpec().withNodeName(nodeName).withNodeSelector(SELECTOR)
        .addNewContainer().withName("vllm").withImage("vllm/vllm-openai").withNewResources().addToLimits("nvidia.com/gpu", new Quantity("1")).endResources().endContainer()
        .endSpec()
        .withNewStatus().withPhase("Running").addNewCondition().withType("Ready").withStatus(ready ? "True" : "False").endCondition().endStatus()
        .build()).create();
  }

  static void becomeReady(String pod) {
    client.pods().inNamespace(NS).withName(pod).editStatus(p -> {
      p.getStatus().getConditions().get(0).setStatus("True");
      return p;
    });
  }

  static boolean isReady(Pod p) {
    return p.getStatus().getConditions().stream().anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True"));
  }

  static List<Pod> llamaPods() {
    return client.pods().inNamespace(NS).withLabel("app", "llama").list().getItems();
  }

  /**
   * What the ReplicaSet controller does with the Deployment's count (kubernetes controller.go,
   * ActivePodsWithRanks): it creates pods, which kube-scheduler, with the light node softly
   * tainted, places on the full one, not Ready at first; it removes pods that are not Ready before
   * Ready ones, then those of lower pod-deletion-cost (all pods here are bound and Running, so these
   * are the criteria that decide), then, for this test, the newest; and it reports the count.
   */
  static void replicaSet() {
    int want = desired();
    List<Pod> pods = new ArrayList<>(llamaPods());
    for (int i = pods.size(); i < want; i++) {
      replica("r" + created++, "full", false);
    }
    pods.sort(Comparator.comparing((Pod p) -> isReady(p)).thenComparingInt(ConsolidationReconcileTest::cost)
        .thenComparing(p -> p.getMetadata().getName(), Comparator.reverseOrder()));
    for (int i = 0; i < pods.size() - want; i++) {
      client.pods().inNamespace(NS).withName(pods.get(i).getMetadata().getName()).delete();
    }
    List<Pod> now = llamaPods();
    ready(now.size(), (int) now.stream().filter(ConsolidationReconcileTest::isReady).count());
  }

  static int created;

  static int cost(Pod p) {
    Map<String, String> ann = p.getMetadata().getAnnotations();
    return ann == null || !ann.containsKey(NodeConsolidation.DELETION_COST) ? 0 : Integer.parseInt(ann.get(NodeConsolidation.DELETION_COST));
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
    return scaler(mode, 40);
  }

  static InferenceScaler scaler(InferenceScalerSpec.Mode mode, int maxReplicas) {
    InferenceScaler cr = new InferenceScaler();
    cr.setMetadata(new ObjectMetaBuilder().withName("llama").withNamespace(NS).withGeneration(1L).build());
    InferenceScalerSpec spec = dev.ballast.operator.scaling.ScalerSpecs.target();
    spec.gpuType = "H100-80GB";
    spec.minReplicas = 8; // light traffic: the plan is the floor, so what consolidation adds shows
    spec.maxReplicas = maxReplicas;
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

    // the ReplicaSet makes two pods, which land on the full node; one becomes Ready
    replicaSet();
    assertThat(llamaPods()).hasSize(10);
    becomeReady("r0");
    replicaSet();
    period();
    replicaSet();
    assertThat(desired()).as("one replacement serves, but the ReplicaSet would remove the one still starting first: hold").isEqualTo(10);
    assertThat(scalerReason()).contains("holding at 10 until all are Ready (9 now)");
    assertThat(llamaPods()).extracting(p -> p.getMetadata().getName()).contains("r1", "l0", "l1");

    becomeReady("r1");
    replicaSet();
    period();
    replicaSet();
    assertThat(desired()).as("both replacements serve: back to the plan").isEqualTo(8);
    assertThat(llamaPods()).as("the ReplicaSet removed the two of lowest deletion cost, on the light node")
        .extracting(p -> p.getMetadata().getName()).containsExactlyInAnyOrder("f0", "f1", "f2", "f3", "f4", "f5", "r0", "r1");
    assertThat(llamaPods()).allMatch(ConsolidationReconcileTest::isReady);
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
  void aDeploymentAtItsMaximumKeepsItsReplicasWhereTheyAre() {
    pool(InferenceScalerSpec.Mode.Enforce);
    scaler(InferenceScalerSpec.Mode.Enforce, 8);
    anHourOfPeriods();
    assertThat(tainted("light")).as("no replacement could start, so no move begins").isFalse();
    assertThat(deletionCost("l0")).isNull();
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
