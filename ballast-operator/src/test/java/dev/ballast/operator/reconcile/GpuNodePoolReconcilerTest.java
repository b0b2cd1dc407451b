package dev.ballast.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ballast.core.catalog.DefaultCatalog;
import dev.ballast.operator.api.Crds;
import dev.ballast.operator.api.v1alpha1.GpuNodePool;
import dev.ballast.operator.api.v1alpha1.GpuNodePoolSpec;
import dev.ballast.operator.api.v1alpha1.InferenceScalerSpec;
import dev.ballast.operator.capacity.Headroom;
import dev.ballast.operator.capacity.PoolSnapshot;
import dev.ballast.operator.telemetry.OperatorMetrics;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The node-pool reconciler's steps against the fabric8 mock API server, with a Cluster API MachineDeployment as provider. */
@EnableKubernetesMockClient(crud = true)
class GpuNodePoolReconcilerTest {
  static KubernetesClient client;
  static final String NS = "ballast-system";
  static final String CAPI_NS = "capi";
  static final Duration PERIOD = Duration.ofSeconds(15);
  static final Map<String, String> SELECTOR = Map.of("ballast.dev/pool", "h100");

  MutableClock clock;
  GpuNodePoolReconciler reconciler;

  @BeforeEach
  void setUp() throws Exception {
    Crds.install(client, "gpunodepools");
    client.resources(GpuNodePool.class).delete();
    client.nodes().delete();
    client.pods().inAnyNamespace().delete();
    ClusterApi.kind("Machine").inNamespace(CAPI_NS).delete();
    client.batch().v1().jobs().inNamespace(NS).delete();
    client.apps().deployments().inNamespace(NS).delete();
    client.v1().events().inAnyNamespace().delete();
    clock = new MutableClock();
    reconciler = new GpuNodePoolReconciler(client, clock, PERIOD, Duration.ofMinutes(2), NS, DefaultCatalog.get(), new OperatorMetrics(new PrometheusRegistry()));
  }

  /** What a Cluster API controller would hold: a MachineDeployment and its Machines. */
  static final class ClusterApi {
    static final String API = "cluster.x-k8s.io/v1beta1";

    static io.fabric8.kubernetes.client.dsl.MixedOperation<GenericKubernetesResource, io.fabric8.kubernetes.api.model.GenericKubernetesResourceList,
        io.fabric8.kubernetes.client.dsl.Resource<GenericKubernetesResource>> kind(String kind) {
      return client.genericKubernetesResources(new io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext.Builder()
          .withGroup("cluster.x-k8s.io").withVersion("v1beta1").withKind(kind).withPlural(kind.toLowerCase() + "s").withNamespaced(true).build());
    }

    static void machineDeployment(int replicas) {
      kind("MachineDeployment").inNamespace(CAPI_NS).resource(new GenericKubernetesResourceBuilder()
          .withApiVersion(API).withKind("MachineDeployment").withNewMetadata().withName("gpu-md").withNamespace(CAPI_NS).endMetadata()
          .addToAdditionalProperties("spec", Map.of("replicas", replicas)).build()).createOr(c -> c.update());
    }

    static int replicas() {
      GenericKubernetesResource md = kind("MachineDeployment").inNamespace(CAPI_NS).withName("gpu-md").get();
      return ((Number) ((Map<?, ?>) md.getAdditionalProperties().get("spec")).get("replicas")).intValue();
    }

    static void machine(String name, String nodeName) {
      GenericKubernetesResourceBuilder m = new GenericKubernetesResourceBuilder().withApiVersion(API).withKind("Machine")
          .withNewMetadata().withName(name).withNamespace(CAPI_NS).addToLabels("cluster.x-k8s.io/deployment-name", "gpu-md").endMetadata();
      if (nodeName != null) {
        m.addToAdditionalProperties("status", Map.of("nodeRef", Map.of("kind", "Node", "name", nodeName)));
      }
      kind("Machine").inNamespace(CAPI_NS).resource(m.build()).createOr(c -> c.update());
    }

    static boolean markedForDeletion(String name) {
      Map<String, String> ann = kind("Machine").inNamespace(CAPI_NS).withName(name).get().getMetadata().getAnnotations();
      return ann != null && "true".equals(ann.get("cluster.x-k8s.io/delete-machine"));
    }
  }

  static void node(String name) {
    ClusterApi.machine("m-" + name, name);
    client.nodes().resource(new NodeBuilder().withNewMetadata().withName(name).withLabels(SELECTOR)
        .addToAnnotations("cluster.x-k8s.io/machine", "m-" + name).withCreationTimestamp("2026-11-27T11:00:00Z").endMetadata()
        .withNewSpec().endSpec()
        .withNewStatus().addToCapacity("nvidia.com/gpu", new Quantity("8")).addNewCondition().withType("Ready").withStatus("True").endCondition().endStatus()
        .build()).create();
  }

  static void pod(String name, String nodeName, int gpus) {
    PodBuilder p = new PodBuilder().withNewMetadata().withName(name).withNamespace("ai").endMetadata()
        .withNewSpec().withNodeName(nodeName).withNodeSelector(SELECTOR)
        .addNewContainer().withName("vllm").withImage("vllm/vllm-openai").withNewResources().addToLimits("nvidia.com/gpu", new Quantity(String.valueOf(gpus))).endResources().endContainer()
        .endSpec();
    if (nodeName == null) {
      p.withNewStatus().withPhase("Pending").addNewCondition().withType("PodScheduled").withStatus("False").withReason("Unschedulable").endCondition().endStatus();
    } else {
      p.withNewStatus().withPhase("Running").endStatus();
    }
    client.pods().inNamespace("ai").resource(p.build()).create();
  }

  static GpuNodePool pool(InferenceScalerSpec.Mode mode, GpuNodePoolSpec.Provider.Kind provider) {
    GpuNodePoolSpec spec = spec(mode, provider, 10);
    spec.provider.name = "gpu-md";
    spec.provider.namespace = CAPI_NS;
    spec.prefetchImage = "vllm/vllm-openai:v0.11.0";
    spec.prefetchModel = "llama-3.1-70b";
    return create("h100", spec);
  }

  /** An H100 pool on the shared selector. */
  static GpuNodePoolSpec spec(InferenceScalerSpec.Mode mode, GpuNodePoolSpec.Provider.Kind provider, int maxNodes) {
    GpuNodePoolSpec spec = new GpuNodePoolSpec();
    spec.gpuType = "H100-80GB";
    spec.nodeSelector.putAll(SELECTOR);
    spec.minNodes = 0;
    spec.maxNodes = maxNodes;
    spec.mode = mode;
    spec.provider.kind = provider;
    return spec;
  }

  static GpuNodePool create(String name, GpuNodePoolSpec spec) {
    GpuNodePool pool = new GpuNodePool();
    pool.setMetadata(new ObjectMetaBuilder().withName(name).withGeneration(1L).build());
    pool.setSpec(spec);
    return client.resources(GpuNodePool.class).resource(pool).createOr(c -> c.update());
  }

  GpuNodePool reconcileOnce(GpuNodePool pool) {
    UpdateControl<GpuNodePool> control = reconciler.reconcile(pool, null);
    assertThat(control.getScheduleDelay()).contains(PERIOD.toMillis());
    if (control.isPatchStatus()) {
      client.resources(GpuNodePool.class).resource(control.getResource().orElseThrow()).updateStatus();
    }
    clock.advance(PERIOD);
    return client.resources(GpuNodePool.class).withName(pool.getMetadata().getName()).get();
  }

  static Condition condition(GpuNodePool pool, String type) {
    return pool.getStatus().conditions.stream().filter(c -> c.getType().equals(type)).findFirst().orElseThrow();
  }

  static boolean events(String reason, String text) {
    return client.v1().events().inNamespace("default").list().getItems().stream().anyMatch(e -> e.getReason().equals(reason) && e.getMessage().contains(text));
  }

  static Node fetch(String node) {
    return client.nodes().withName(node).get();
  }

  @Test
  void unschedulablePodsGrowTheMachineDeployment() {
    oneFullNodeAndAWaitingPod();
    GpuNodePool pool = reconcileOnce(pool(InferenceScalerSpec.Mode.Enforce, GpuNodePoolSpec.Provider.Kind.ClusterAPI));
    assertThat(ClusterApi.replicas()).isEqualTo(2);
    assertThat(pool.getStatus().serving).isEqualTo(1);
    assertThat(pool.getStatus().unschedulableGpus).isEqualTo(8);
    assertThat(pool.getStatus().lastDecision.reason).contains("8 waiting GPUs of H100-80GB", "1 new p5.48xlarge");
    assertThat(pool.getStatus().hourlyCostUsd).isEqualTo(55.04);
    assertThat(events("ScaledUp", "MachineDeployment capi/gpu-md replicas=2")).isTrue();

    ClusterApi.machine("m-new", null); // the Cluster API controller creates the machine; no node yet
    pool = reconcileOnce(pool);
    assertThat(ClusterApi.replicas()).as("a machine in flight is not asked for twice").isEqualTo(2);
    assertThat(pool.getStatus().provisioning).isEqualTo(1);
  }

  @Test
  void readFromInformerCachesThePoolGrowsAsWhenReadFromTheApi() throws Exception {
    try (InformerClusterReads caches = InformerClusterReads.start(client)) {
      reconciler.setClusterReads(caches);
      oneFullNodeAndAWaitingPod();
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while ((caches.nodes(SELECTOR).size() < 1 || caches.pods().size() < 2) && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(caches.nodes(SELECTOR)).extracting(n -> n.getMetadata().getName()).containsExactly("gpu-1");
      assertThat(caches.nodes(Map.of("ballast.dev/pool", "t4"))).isEmpty();
      GpuNodePool pool = reconcileOnce(pool(InferenceScalerSpec.Mode.Enforce, GpuNodePoolSpec.Provider.Kind.ClusterAPI));
      assertThat(ClusterApi.replicas()).isEqualTo(2);
      assertThat(pool.getStatus().unschedulableGpus).isEqualTo(8);
    }
  }

  @Test
  void growingNeverLowersTheMachineDeploymentWhenTheCacheHasNotSeenANewNode() {
    ClusterApi.machineDeployment(3); // two machines joined as nodes a moment ago, unseen by this read
    node("gpu-1");
    pod("busy", "gpu-1", 8);
    pod("waiting", null, 8);
    GpuNodePool pool = reconcileOnce(pool(InferenceScalerSpec.Mode.Enforce, GpuNodePoolSpec.Provider.Kind.ClusterAPI));
    assertThat(ClusterApi.replicas()).isEqualTo(3);
    assertThat(pool.getStatus().lastDecision.reason).contains("1 new p5.48xlarge");
    assertThat(events("ScaledUp", "MachineDeployment capi/gpu-md already at replicas=3")).isTrue();
  }

  /** Two pools that can both host a pod: only the cheaper one with room counts it. */
  @Test
  void aPodTwoPoolsCouldHostGrowsOnlyTheCheaperPoolWithRoom() {
    ClusterApi.machineDeployment(0);
    pod("waiting", null, 8);
    GpuNodePool onDemand = twin("h100-ondemand", "ondemand", 60.0, 10);
    GpuNodePool spot = twin("h100-spot", "spot", 25.0, 10);
    onDemand = reconcileOnce(onDemand);
    assertThat(onDemand.getStatus().unschedulableGpus).isZero();
    assertThat(condition(onDemand, "Ready").getMessage()).contains("left to other pools, cheaper or with room: {h100-spot=8}");
    assertThat(ClusterApi.replicas()).as("the dearer pool does not grow").isZero();
    spot = reconcileOnce(spot);
    assertThat(spot.getStatus().unschedulableGpus).isEqualTo(8);
    assertThat(spot.getStatus().lastDecision.reason).contains("8 waiting GPUs of H100-80GB");

    spot.getSpec().maxNodes = 0; // the cheaper pool is full: the dearer one takes the pod
    spot.getSpec().minNodes = 0;
    client.resources(GpuNodePool.class).resource(spot).update();
    onDemand = reconcileOnce(onDemand);
    assertThat(onDemand.getStatus().unschedulableGpus).isEqualTo(8);
  }

  /** The cheaper pool can add one node more: it counts one waiting pod, and the dearer one the other at once. */
  @Test
  void podsBeyondTheCheaperPoolsRoomGrowTheNextPoolAtOnce() {
    pod("first", null, 8);
    pod("second", null, 8);
    GpuNodePool onDemand = twin("h100-ondemand", "ondemand", 60.0, 10);
    GpuNodePool spot = twin("h100-spot", "spot", 25.0, 1);
    spot = reconcileOnce(spot);
    assertThat(spot.getStatus().unschedulableGpus).isEqualTo(8);
    assertThat(condition(spot, "Ready").getMessage()).contains("left to other pools, cheaper or with room: {h100-ondemand=8}");
    onDemand = reconcileOnce(onDemand);
    assertThat(onDemand.getStatus().unschedulableGpus).isEqualTo(8);
    assertThat(onDemand.getStatus().lastDecision.reason).contains("8 waiting GPUs of H100-80GB");
  }

  /** A pool whose selector is the shared one plus its own tier label, with its own price. */
  private GpuNodePool twin(String name, String tier, double price, int maxNodes) {
    GpuNodePoolSpec spec = spec(InferenceScalerSpec.Mode.Recommend, GpuNodePoolSpec.Provider.Kind.None, maxNodes);
    spec.nodeSelector.put("ballast.dev/tier", tier);
    spec.pricePerHour = price;
    return create(name, spec);
  }

  @Test
  void recommendModeChangesNoNodeNorProvider() {
    ClusterApi.machineDeployment(1);
    node("gpu-1");
    pod("waiting", null, 8);
    pod("busy", "gpu-1", 8);
    GpuNodePool pool = pool(InferenceScalerSpec.Mode.Recommend, GpuNodePoolSpec.Provider.Kind.ClusterAPI);
    pool.getSpec().standby.min = 1;
    pool.getSpec().headroomGpus = 2;
    pool = reconcileOnce(client.resources(GpuNodePool.class).resource(pool).update());
    pool = reconcileOnce(pool);
    assertThat(ClusterApi.replicas()).isEqualTo(1);
    assertThat(client.apps().deployments().inNamespace(NS).withName(Headroom.name(pool)).get()).isNull();
    assertThat(fetch("gpu-1").getSpec().getTaints()).isNullOrEmpty();
    assertThat(pool.getStatus().lastDecision.reason).contains("1 new p5.48xlarge").contains("standby tier 0 < min 1 -> 1 new p5.48xlarge to hold in standby");
    assertThat(condition(pool, "Enforcing").getStatus()).isEqualTo("False");
    assertThat(client.v1().events().inNamespace("default").list().getItems()) // the waiting pod's node and the standby floor's, each once:
        .filteredOn(e -> e.getReason().equals("Recommended")).hasSize(2); // the same recommendation twice is one event per action
  }

  /** A Cluster API machine deployment of one node, gpu-1, running an 8-GPU pod, and an 8-GPU pod waiting. */
  static void oneFullNodeAndAWaitingPod() {
    ClusterApi.machineDeployment(1);
    node("gpu-1");
    pod("busy", "gpu-1", 8);
    pod("waiting", null, 8);
  }

  /** A Cluster API pool of two nodes, Enforce mode: gpu-1 runs an 8-GPU pod, gpu-2 is empty. */
  static GpuNodePool oneBusyOneIdleNode() {
    ClusterApi.machineDeployment(2);
    node("gpu-1");
    node("gpu-2");
    pod("busy", "gpu-1", 8);
    return pool(InferenceScalerSpec.Mode.Enforce, GpuNodePoolSpec.Provider.Kind.ClusterAPI);
  }

  @Test
  void standbyNodesAreTaintedPrefetchedAndPromoted() {
    GpuNodePool pool = oneBusyOneIdleNode();
    pool.getSpec().standby.min = 1;
    pool.getSpec().standby.max = 2;
    pool = reconcileOnce(client.resources(GpuNodePool.class).resource(pool).update());
    assertThat(PoolSnapshot.standby(fetch("gpu-2"))).isTrue();
    assertThat(PoolSnapshot.standby(fetch("gpu-1"))).isFalse();
    Job job = client.batch().v1().jobs().inNamespace(NS).withName("ballast-prefetch-gpu-2").get();
    assertThat(job.getSpec().getTemplate().getSpec().getNodeName()).isEqualTo("gpu-2");
    assertThat(job.getSpec().getTemplate().getSpec().getTolerations()).anyMatch(t -> t.getKey().equals(PoolSnapshot.STANDBY_TAINT));

    job.setStatus(new io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder().withSucceeded(1).build()); // the kubelet's part
    client.batch().v1().jobs().inNamespace(NS).resource(job).updateStatus();
    for (int i = 0; i < 20; i++) {
      pool = reconcileOnce(pool); // 5 minutes: the standby node outlives the idle grace, held by standby.min
    }
    assertThat(fetch("gpu-2").getMetadata().getAnnotations()).containsEntry(PoolSnapshot.CACHED_MODELS_ANNOTATION, "llama-3.1-70b");
    assertThat(PoolSnapshot.standby(fetch("gpu-2"))).isTrue();
    assertThat(pool.getStatus().standby).isEqualTo(1);
    assertThat(ClusterApi.replicas()).isEqualTo(2);

    pod("surge", null, 8);
    pool = reconcileOnce(pool);
    assertThat(PoolSnapshot.standby(fetch("gpu-2"))).as("promoted for the waiting pod").isFalse();
    assertThat(ClusterApi.replicas()).as("no new node for the pod, one to hold the standby floor").isEqualTo(3);
    assertThat(events("Promoted", "release standby gpu-2")).isTrue();
    assertThat(events("ScaledUp", "standby tier 0 < min 1 -> 1 new p5.48xlarge")).isTrue();
  }

  @Test
  void anEmptyPoolGrowsToItsStandbyFloorOnceThenTaintsTheNewNodes() {
    ClusterApi.machineDeployment(0);
    GpuNodePool pool = pool(InferenceScalerSpec.Mode.Enforce, GpuNodePoolSpec.Provider.Kind.ClusterAPI);
    pool.getSpec().standby.min = 2;
    pool.getSpec().standby.max = 2;
    pool = reconcileOnce(client.resources(GpuNodePool.class).resource(pool).update());
    assertThat(ClusterApi.replicas()).isEqualTo(2);
    assertThat(events("ScaledUp", "standby tier 0 < min 2 -> 2 new p5.48xlarge to hold in standby")).isTrue();

    ClusterApi.machine("m-gpu-1", null); // the Cluster API controller creates the machines; no Node yet
    ClusterApi.machine("m-gpu-2", null);
    pool = reconcileOnce(pool);
    assertThat(ClusterApi.replicas()).as("machines coming up count toward the floor").isEqualTo(2);

    node("gpu-1");
    node("gpu-2");
    pool = reconcileOnce(pool);
    assertThat(PoolSnapshot.standby(fetch("gpu-1"))).isTrue();
    assertThat(PoolSnapshot.standby(fetch("gpu-2"))).isTrue();
    assertThat(client.batch().v1().jobs().inNamespace(NS).withName("ballast-prefetch-gpu-1").get()).isNotNull();
    pool = reconcileOnce(pool);
    assertThat(pool.getStatus().standby).isEqualTo(2);
    assertThat(ClusterApi.replicas()).isEqualTo(2);
  }

  @Test
  void emptyNodesAreRemovedThroughTheirMachineAfterTheIdleGrace() {
    GpuNodePool pool = oneBusyOneIdleNode();
    for (int i = 0; i < 4; i++) {
      pool = reconcileOnce(pool); // 1 minute: inside the idle grace
    }
    assertThat(ClusterApi.replicas()).isEqualTo(2);
    for (int i = 0; i < 6; i++) {
      pool = reconcileOnce(pool);
    }
    assertThat(ClusterApi.markedForDeletion("m-gpu-2")).isTrue();
    assertThat(ClusterApi.markedForDeletion("m-gpu-1")).isFalse();
    assertThat(ClusterApi.replicas()).isEqualTo(1);
    assertThat(fetch("gpu-2").getSpec().getUnschedulable()).isTrue();
    for (int i = 0; i < 4; i++) {
      pool = reconcileOnce(pool); // the node is still there, draining: nothing more is removed
    }
    assertThat(ClusterApi.replicas()).isEqualTo(1);
    assertThat(ClusterApi.markedForDeletion("m-gpu-1")).isFalse();
  }

  @Test
  void aCrashBetweenStepsNeitherLosesNorRepeatsAGrow() {
    oneFullNodeAndAWaitingPod();
    GpuNodePool pool = pool(InferenceScalerSpec.Mode.Enforce, GpuNodePoolSpec.Provider.Kind.ClusterAPI);
    for (String step : new String[] {"observe", "decide", "act", "headroom"}) {
      pool = reconcileOnce(crashAfter(pool, step));
      assertThat(ClusterApi.replicas()).as("after a crash after " + step).isEqualTo(2);
    }
  }

  /** One reconcile that crashes after {@code step}, then a restart: a new reconciler, nothing kept in memory. */
  GpuNodePool crashAfter(GpuNodePool pool, String step) {
    reconciler.setStepHook(s -> {
      if (s.equals(step)) {
        throw new IllegalStateException("crash after " + s);
      }
    });
    GpuNodePool current = pool;
    assertThatThrownBy(() -> reconciler.reconcile(current, null)).hasMessageContaining("crash after " + step);
    reconciler = new GpuNodePoolReconciler(client, clock, PERIOD, Duration.ofMinutes(2), NS, DefaultCatalog.get(), new OperatorMetrics(new PrometheusRegistry()));
    return client.resources(GpuNodePool.class).withName("h100").get();
  }

  @Test
  void aCrashBetweenTaintAndPrefetchStillPrefetches() {
    GpuNodePool pool = oneBusyOneIdleNode();
    pool.getSpec().standby.min = 1;
    pool = crashAfter(client.resources(GpuNodePool.class).resource(pool).update(), "tainted");
    assertThat(PoolSnapshot.standby(fetch("gpu-2"))).isTrue();
    assertThat(client.batch().v1().jobs().inNamespace(NS).withName("ballast-prefetch-gpu-2").get()).isNull();
    reconcileOnce(pool);
    assertThat(client.batch().v1().jobs().inNamespace(NS).withName("ballast-prefetch-gpu-2").get()).isNotNull();
  }

  @Test
  void aCrashBetweenCordonAndRemovalStillRemoves() {
    GpuNodePool pool = oneBusyOneIdleNode();
    for (int i = 0; i < 8; i++) {
      pool = reconcileOnce(pool); // up to the end of the idle grace: the next reconcile removes gpu-2
    }
    pool = crashAfter(pool, "cordoned");
    assertThat(fetch("gpu-2").getSpec().getUnschedulable()).isTrue();
    assertThat(ClusterApi.replicas()).isEqualTo(2);
    for (int i = 0; i < 3; i++) {
      pool = reconcileOnce(pool);
    }
    assertThat(ClusterApi.markedForDeletion("m-gpu-2")).isTrue();
    assertThat(ClusterApi.replicas()).as("removed once, not twice").isEqualTo(1);
  }

  @Test
  void aProviderThatCannotRemoveLeavesTheNodeSchedulable() {
    node("gpu-1");
    GpuNodePool pool = pool(InferenceScalerSpec.Mode.Enforce, GpuNodePoolSpec.Provider.Kind.None);
    for (int i = 0; i < 12; i++) {
      pool = reconcileOnce(pool);
    }
    assertThat(fetch("gpu-1").getSpec().getUnschedulable()).isNotEqualTo(Boolean.TRUE);
    assertThat(condition(pool, "ProviderReady").getMessage()).contains("cannot remove gpu-1");
  }

  @Test
  void headroomPlaceholdersFollowTheSpec() {
    GpuNodePool pool = pool(InferenceScalerSpec.Mode.Enforce, GpuNodePoolSpec.Provider.Kind.Karpenter);
    pool.getSpec().headroomGpus = 3;
    pool = reconcileOnce(client.resources(GpuNodePool.class).resource(pool).update());
    var d = client.apps().deployments().inNamespace(NS).withName("ballast-headroom-h100").get();
    assertThat(d.getSpec().getReplicas()).isEqualTo(3);
    assertThat(d.getSpec().getTemplate().getSpec().getPriorityClassName()).isEqualTo(Headroom.PRIORITY_CLASS);
    assertThat(d.getSpec().getTemplate().getSpec().getNodeSelector()).isEqualTo(SELECTOR);
    assertThat(d.getSpec().getTemplate().getSpec().getContainers().get(0).getResources().getLimits()).containsKey("nvidia.com/gpu");
    pool.getSpec().headroomGpus = 0;
    pool = reconcileOnce(client.resources(GpuNodePool.class).resource(pool).update());
    assertThat(client.apps().deployments().inNamespace(NS).withName("ballast-headroom-h100").get().getSpec().getReplicas()).isZero();
  }

  @Test
  void karpenterRemovesANodeByDeletingIt() {
    node("gpu-1");
    GpuNodePool pool = pool(InferenceScalerSpec.Mode.Enforce, GpuNodePoolSpec.Provider.Kind.Karpenter);
    for (int i = 0; i < 10; i++) {
      pool = reconcileOnce(pool);
    }
    assertThat(fetch("gpu-1")).isNull();
    assertThat(events("NodeRemoved", "Karpenter drains and terminates")).isTrue();
  }

  @Test
  void karpenterSaysOnceThatItCannotHoldAStandbyFloor() {
    node("gpu-1");
    pod("busy", "gpu-1", 8);
    GpuNodePool pool = pool(InferenceScalerSpec.Mode.Enforce, GpuNodePoolSpec.Provider.Kind.Karpenter);
    pool.getSpec().standby.min = 1;
    pool = client.resources(GpuNodePool.class).resource(pool).update();
    for (int i = 0; i < 3; i++) {
      pool = reconcileOnce(pool);
    }
    assertThat(condition(pool, "ProviderReady").getStatus()).isEqualTo("False");
    assertThat(condition(pool, "ProviderReady").getMessage()).contains("standby.min 1 not held").contains("launches nodes only for pods that wait");
    assertThat(client.v1().events().inNamespace("default").list().getItems())
        .filteredOn(e -> e.getReason().equals("Unsupported")).hasSize(1);
    assertThat(client.v1().events().inNamespace("default").list().getItems()).noneMatch(e -> e.getReason().equals("ScaledUp"));
  }

  @Test
  void aProviderThatCannotActSaysSo() {
    node("gpu-1");
    pod("waiting", null, 8);
    pod("busy", "gpu-1", 8);
    GpuNodePool pool = reconcileOnce(pool(InferenceScalerSpec.Mode.Enforce, GpuNodePoolSpec.Provider.Kind.None));
    assertThat(condition(pool, "ProviderReady").getStatus()).isEqualTo("False");
    assertThat(condition(pool, "ProviderReady").getMessage()).contains("provider None cannot resize the pool to 2 nodes");
    assertThat(events("ScaledUp", "not done: provider None")).isTrue();
  }

  @Test
  void aPoolsGpuTypeMayBeNvidiasProductLabel() {
    oneFullNodeAndAWaitingPod();
    GpuNodePool pool = pool(InferenceScalerSpec.Mode.Enforce, GpuNodePoolSpec.Provider.Kind.ClusterAPI);
    pool.getSpec().gpuType = "NVIDIA-H100-80GB-HBM3"; // as GPU feature discovery labels the nodes
    pool = reconcileOnce(client.resources(GpuNodePool.class).resource(pool).update());
    assertThat(condition(pool, "Ready").getStatus()).isEqualTo("True");
    assertThat(pool.getStatus().lastDecision.reason).contains("8 waiting GPUs of H100-80GB", "1 new p5.48xlarge");
  }

  @Test
  void anUnknownNodeTypeIsReportedNotFatal() {
    GpuNodePool pool = pool(InferenceScalerSpec.Mode.Enforce, GpuNodePoolSpec.Provider.Kind.None);
    pool.getSpec().nodeType = "g6.xlarge";
    pool = reconcileOnce(client.resources(GpuNodePool.class).resource(pool).update());
    assertThat(condition(pool, "Ready").getReason()).isEqualTo("UnknownNodeType");
    assertThat(condition(pool, "Ready").getMessage()).contains("g6.xlarge carries L4, not H100-80GB");
  }

}
