package dev.ballast.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ballast.operator.api.Crds;
import dev.ballast.operator.api.v1alpha1.InferenceScaler;
import dev.ballast.operator.api.v1alpha1.InferenceScalerSpec;
import dev.ballast.operator.api.v1alpha1.ModelProfile;
import dev.ballast.operator.api.v1alpha1.ModelProfileSpec;
import dev.ballast.operator.scaling.ServingScaler;
import dev.ballast.operator.telemetry.OperatorMetrics;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The reconciler's steps against the fabric8 mock API server (CRUD mode). */
@EnableKubernetesMockClient(crud = true)
class InferenceScalerReconcilerTest {
  static KubernetesClient client;
  static io.fabric8.kubernetes.client.server.mock.KubernetesMockServer server;
  static final String NS = "ai";
  static final Duration PERIOD = Duration.ofSeconds(15);

  MutableClock clock;
  SyntheticMetrics metrics;
  InferenceScalerReconciler reconciler;

  @BeforeEach
  void setUp() throws Exception {
    Crds.install(client, "inferencescalers", "modelprofiles");
    client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(NS).delete();
    client.resources(InferenceScaler.class).inNamespace(NS).delete();
    client.apps().deployments().inNamespace(NS).resource(deployment("llama", 2)).createOr(c -> c.update());
    clock = new MutableClock();
    metrics = new SyntheticMetrics(200);
    reconciler = new InferenceScalerReconciler(client, metrics, clock, PERIOD, ServingScaler.defaultSettings(), new OperatorMetrics(new PrometheusRegistry()));
  }

  static Deployment deployment(String name, int replicas) {
    return new DeploymentBuilder().withNewMetadata().withName(name).withNamespace(NS).endMetadata()
        .withNewSpec().withReplicas(replicas).withNewSelector().addToMatchLabels("app", name).endSelector()
        .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata().withNewSpec().addNewContainer().withName("vllm").withImage("vllm/vllm-openai").endContainer().endSpec().endTemplate()
        .endSpec().withNewStatus().withReplicas(replicas).withReadyReplicas(replicas).endStatus().build();
  }

  static InferenceScaler scaler(String name, InferenceScalerSpec.Mode mode) {
    InferenceScaler cr = new InferenceScaler();
    cr.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NS).withGeneration(1L).build());
    InferenceScalerSpec spec = dev.ballast.operator.scaling.ScalerSpecs.target();
    spec.maxReplicas = 40;
    spec.mode = mode;
    cr.setSpec(spec);
    return client.resources(InferenceScaler.class).inNamespace(NS).resource(cr).createOr(c -> c.update());
  }

  /** One reconcile as JOSDK would run it: the status patch applied when asked for. */
  InferenceScaler reconcileOnce(InferenceScaler cr) {
    UpdateControl<InferenceScaler> control = reconciler.reconcile(cr, null);
    assertThat(control.getScheduleDelay()).contains(PERIOD.toMillis());
    if (control.isPatchStatus()) {
      cr = client.resources(InferenceScaler.class).inNamespace(NS).resource(control.getResource().orElseThrow()).updateStatus();
    }
    clock.advance(PERIOD);
    return client.resources(InferenceScaler.class).inNamespace(NS).withName(cr.getMetadata().getName()).get();
  }

  int targetReplicas() {
    return client.apps().deployments().inNamespace(NS).withName("llama").get().getSpec().getReplicas();
  }

  static Condition condition(InferenceScaler cr, String type) {
    return cr.getStatus().conditions.stream().filter(c -> c.getType().equals(type)).findFirst().orElseThrow();
  }

  @Test
  void enforcePatchesScaleAndWritesStatusAndEvents() {
    InferenceScaler cr = scaler("enforce", InferenceScalerSpec.Mode.Enforce);
    for (int i = 0; i < 8; i++) {
      cr = reconcileOnce(cr);
    }
    // 200 req/s of 1,000/200-token requests need about 10 H100 replicas
    assertThat(targetReplicas()).isBetween(8, 20);
    assertThat(cr.getStatus().recommendedReplicas).isEqualTo(targetReplicas());
    assertThat(cr.getStatus().lastDecision.reason).contains("awake", "req/s per replica");
    assertThat(condition(cr, "Enforcing").getStatus()).isEqualTo("True");
    assertThat(condition(cr, "MetricsAvailable").getStatus()).isEqualTo("True");
    assertThat(client.v1().events().inNamespace(NS).list().getItems())
        .anyMatch(e -> e.getReason().equals("Scaled") && e.getMessage().contains("scaled Deployment llama 2 -> "));
  }

  @Test
  void anotherAutoscalerOnTheTargetMakesItRecommendOnlyUntilItGoes() {
    client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(NS).resource(new io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder()
        .withNewMetadata().withName("keda-hpa-llama").withNamespace(NS).endMetadata()
        .withNewSpec().withNewScaleTargetRef().withApiVersion("apps/v1").withKind("Deployment").withName("llama").endScaleTargetRef()
        .withMinReplicas(1).withMaxReplicas(10).endSpec().build()).create();
    InferenceScaler cr = scaler("contested", InferenceScalerSpec.Mode.Enforce);
    for (int i = 0; i < 8; i++) {
      cr = reconcileOnce(cr);
    }
    assertThat(targetReplicas()).as("the HPA's, not Ballast's").isEqualTo(2);
    assertThat(cr.getStatus().recommendedReplicas).isGreaterThan(2);
    assertThat(condition(cr, "Enforcing").getStatus()).isEqualTo("False");
    assertThat(condition(cr, "Enforcing").getReason()).isEqualTo("ConflictingAutoscaler");
    assertThat(condition(cr, "Enforcing").getMessage()).contains("HorizontalPodAutoscaler ai/keda-hpa-llama also scales Deployment llama");
    assertThat(client.v1().events().inNamespace(NS).list().getItems())
        .filteredOn(e -> e.getReason().equals("ConflictingAutoscaler") && e.getInvolvedObject().getName().equals("contested")).hasSize(1);

    client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(NS).withName("keda-hpa-llama").delete();
    cr = reconcileOnce(cr);
    assertThat(condition(cr, "Enforcing").getStatus()).isEqualTo("True");
    assertThat(targetReplicas()).isGreaterThan(2);
  }

  @Test
  void ofTwoInferenceScalersOnOneTargetOnlyTheFirstActs() {
    InferenceScaler first = scaler("a-first", InferenceScalerSpec.Mode.Enforce);
    InferenceScaler second = scaler("b-second", InferenceScalerSpec.Mode.Enforce);
    for (int i = 0; i < 8; i++) {
      first = reconcileOnce(first);
      second = reconcileOnce(second);
    }
    assertThat(condition(first, "Enforcing").getStatus()).isEqualTo("True");
    assertThat(condition(second, "Enforcing").getReason()).isEqualTo("ConflictingAutoscaler");
    assertThat(condition(second, "Enforcing").getMessage()).contains("InferenceScaler ai/a-first also scales Deployment llama");
    assertThat(targetReplicas()).isEqualTo(first.getStatus().recommendedReplicas);
  }

  @Test
  void anHpaOnAnotherTargetIsNoConflict() {
    client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(NS).resource(new io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder()
        .withNewMetadata().withName("web").withNamespace(NS).endMetadata()
        .withNewSpec().withNewScaleTargetRef().withApiVersion("apps/v1").withKind("Deployment").withName("web").endScaleTargetRef()
        .withMaxReplicas(10).endSpec().build()).create();
    InferenceScaler cr = scaler("alone", InferenceScalerSpec.Mode.Enforce);
    for (int i = 0; i < 8; i++) {
      cr = reconcileOnce(cr);
    }
    assertThat(condition(cr, "Enforcing").getStatus()).isEqualTo("True");
  }

  @Test
  void recommendModeChangesNothingButStatusAndEvents() {
    InferenceScaler cr = scaler("recommend", InferenceScalerSpec.Mode.Recommend);
    for (int i = 0; i < 8; i++) {
      cr = reconcileOnce(cr);
    }
    assertThat(targetReplicas()).isEqualTo(2);
    assertThat(cr.getStatus().recommendedReplicas).isGreaterThan(2);
    assertThat(condition(cr, "Enforcing").getStatus()).isEqualTo("False");
    assertThat(client.v1().events().inNamespace(NS).list().getItems()).anyMatch(e -> e.getReason().equals("Recommended") && e.getMessage().contains("would scale"));
  }

  @Test
  void staleMetricsHoldAndSaySo() {
    client.apps().deployments().inNamespace(NS).resource(deployment("llama", 12)).update();
    InferenceScaler cr = scaler("stale", InferenceScalerSpec.Mode.Enforce);
    metrics.rate = 1; // almost no traffic, but the metrics then go away
    cr = reconcileOnce(cr);
    metrics.down = true;
    for (int i = 0; i < 10; i++) {
      cr = reconcileOnce(cr);
      assertThat(targetReplicas()).isEqualTo(12);
    }
    assertThat(condition(cr, "MetricsAvailable").getStatus()).isEqualTo("False");
    assertThat(condition(cr, "MetricsAvailable").getMessage()).contains("unreachable", "holding, nothing scales down");
  }

  /**
   * vLLM's counters are per replica and the queries sum them, so a replica that goes takes its
   * count out of the sums: read as it is, that is a burst of negative requests, which drove the
   * rate level below zero and the burst rule's need to nothing for the five minutes it remembers.
   */
  @Test
  void aReplicaLeavingWithItsCountersIsNoDropInTraffic() {
    InferenceScaler cr = scaler("leaving", InferenceScalerSpec.Mode.Recommend);
    for (int i = 0; i < 100; i++) {
      cr = reconcileOnce(cr); // 25 minutes at 200 req/s: past the first scale-down hold
    }
    int steady = cr.getStatus().recommendedReplicas;
    metrics.departed = Math.round(metrics.arrivals / 4); // a quarter of what was counted leaves the sums
    java.util.regex.Pattern burstRule = java.util.regex.Pattern.compile("burst rule ([0-9.]+) req/s");
    for (int i = 0; i < 40; i++) {
      cr = reconcileOnce(cr);
      String why = cr.getStatus().lastDecision.reason;
      assertThat(why).as("after the counters fell").doesNotContain("level -", "last -");
      java.util.regex.Matcher m = burstRule.matcher(why);
      assertThat(m.find()).as(why).isTrue();
      assertThat(Double.parseDouble(m.group(1))).as("the burst rule's capacity: %s", why).isGreaterThan(150);
      assertThat(cr.getStatus().recommendedReplicas).isGreaterThanOrEqualTo(steady - 1);
    }
  }

  @Test
  void aCrashBetweenStepsLosesAndDuplicatesNothing() {
    InferenceScaler cr = scaler("crash", InferenceScalerSpec.Mode.Enforce);
    for (int i = 0; i < 6; i++) {
      cr = reconcileOnce(cr);
    }
    int before = targetReplicas();
    metrics.rate = 600; // more load: the next decision scales up
    for (String step : new String[] {"observe-target", "observe-metrics", "decide", "act"}) {
      reconciler.setStepHook(s -> {
        if (s.equals(step)) {
          throw new IllegalStateException("crash after " + s);
        }
      });
      InferenceScaler current = cr;
      assertThatThrownBy(() -> reconciler.reconcile(current, null)).hasMessageContaining("crash after " + step);
      int afterCrash = targetReplicas();
      // the restart: a new reconciler that kept nothing in memory observes again
      reconciler = new InferenceScalerReconciler(client, metrics, clock, PERIOD, ServingScaler.defaultSettings(), new OperatorMetrics(new PrometheusRegistry()));
      cr = reconcileOnce(client.resources(InferenceScaler.class).inNamespace(NS).withName("crash").get());
      int afterRetry = targetReplicas();
      assertThat(afterRetry).isGreaterThanOrEqualTo(afterCrash); // nothing lost
      assertThat(afterRetry - before).isLessThanOrEqualTo(cr.getSpec().maxStep * 2); // nothing doubled
      assertThat(cr.getStatus().recommendedReplicas).isEqualTo(afterRetry);
    }
  }

  @Test
  void aConflictOnScaleIsRetriedInTheSameReconcile() {
    InferenceScaler cr = scaler("conflict", InferenceScalerSpec.Mode.Enforce);
    server.expect().put().withPath("/apis/apps/v1/namespaces/" + NS + "/deployments/llama/scale")
        .andReturn(409, new io.fabric8.kubernetes.api.model.StatusBuilder().withCode(409).withReason("Conflict")
            .withMessage("Operation cannot be fulfilled on deployments.apps \"llama\": the object has been modified").build())
        .once();
    for (int i = 0; i < 8; i++) {
      cr = reconcileOnce(cr); // throws if the conflict escaped
    }
    assertThat(targetReplicas()).isGreaterThan(2);
    assertThat(cr.getStatus().recommendedReplicas).isEqualTo(targetReplicas());
  }

  @Test
  void aModelProfileDrivesTheSizing() {
    // the catalog's llama-3.1-8b on H100, at half its prefill speed and twice its inter-token latency
    ModelProfile slow = new ModelProfile();
    slow.setMetadata(new ObjectMetaBuilder().withName("slow-8b").withNamespace(NS).build());
    ModelProfileSpec spec = new ModelProfileSpec();
    spec.weightsBytes = 16_000_000_000L;
    spec.imageBytes = 10_000_000_000L;
    ModelProfileSpec.Serving h100 = new ModelProfileSpec.Serving();
    h100.gpuType = "H100-80GB";
    h100.prefillTokensPerSecond = 20_000;
    h100.itlOneMs = 14;
    h100.kvCacheTokens = 448_000;
    spec.profiles.add(h100);
    slow.setSpec(spec);
    client.resources(ModelProfile.class).inNamespace(NS).resource(slow).createOr(c -> c.update());
    client.apps().deployments().inNamespace(NS).resource(deployment("llama-slow", 2)).createOr(c -> c.update());

    InferenceScaler catalog = scaler("catalog", InferenceScalerSpec.Mode.Recommend);
    InferenceScaler profiled = scaler("profiled", InferenceScalerSpec.Mode.Recommend);
    profiled.getSpec().modelProfileRef = "slow-8b";
    profiled.getSpec().scaleTargetRef.name = "llama-slow";
    profiled = client.resources(InferenceScaler.class).inNamespace(NS).resource(profiled).update();
    for (int i = 0; i < 8; i++) {
      catalog = reconcileOnce(catalog);
      profiled = reconcileOnce(profiled);
    }
    assertThat(condition(profiled, "Ready").getStatus()).isEqualTo("True");
    assertThat(profiled.getStatus().recommendedReplicas).isGreaterThan(catalog.getStatus().recommendedReplicas);

    profiled.getSpec().modelProfileRef = "missing";
    profiled = reconcileOnce(client.resources(InferenceScaler.class).inNamespace(NS).resource(profiled).update());
    assertThat(condition(profiled, "Ready").getReason()).isEqualTo("ModelProfileUnusable");
    assertThat(condition(profiled, "Ready").getMessage()).contains("ModelProfile missing does not exist in ai");
  }

  @Test
  void aKeepAliveOutOfRangeIsReportedNotRetried() {
    InferenceScaler cr = scaler("worth", InferenceScalerSpec.Mode.Enforce);
    cr.getSpec().keepAlive.policy = InferenceScalerSpec.KeepAliveSpec.Policy.Cost;
    cr.getSpec().keepAlive.coldStartWorth = "48h";
    cr = reconcileOnce(client.resources(InferenceScaler.class).inNamespace(NS).resource(cr).update());
    assertThat(condition(cr, "Ready").getReason()).isEqualTo("InvalidKeepAlive");
    assertThat(condition(cr, "Ready").getMessage()).contains("ballast.coldStartWorth");

    cr.getSpec().keepAlive.coldStartWorth = "60s";
    cr = reconcileOnce(client.resources(InferenceScaler.class).inNamespace(NS).resource(cr).update());
    assertThat(condition(cr, "Ready").getStatus()).isEqualTo("True");
  }

  @Test
  void aGpuTypeMayBeNvidiasProductLabel() {
    InferenceScaler byId = scaler("by-id", InferenceScalerSpec.Mode.Recommend);
    InferenceScaler byLabel = scaler("by-label", InferenceScalerSpec.Mode.Recommend);
    byLabel.getSpec().gpuType = "NVIDIA-H100-80GB-HBM3"; // as GPU feature discovery labels the node
    byLabel = client.resources(InferenceScaler.class).inNamespace(NS).resource(byLabel).update();
    for (int i = 0; i < 8; i++) {
      byId = reconcileOnce(byId);
      byLabel = reconcileOnce(byLabel);
    }
    assertThat(condition(byLabel, "Ready").getStatus()).isEqualTo("True");
    assertThat(byLabel.getStatus().recommendedReplicas).isEqualTo(byId.getStatus().recommendedReplicas).isGreaterThan(2);
  }

  @Test
  void aModelOrGpuTypeItCannotSizeIsReportedNotRetried() {
    InferenceScaler cr = scaler("unservable", InferenceScalerSpec.Mode.Enforce);
    cr.getSpec().gpuType = "MI300X";
    cr = reconcileOnce(client.resources(InferenceScaler.class).inNamespace(NS).resource(cr).update());
    assertThat(condition(cr, "Ready").getReason()).isEqualTo("UnservableSpec");
    assertThat(condition(cr, "Ready").getMessage()).contains("spec.gpuType", "'MI300X'", "H100-80GB");
    assertThat(targetReplicas()).isEqualTo(2);

    cr.getSpec().gpuType = "H100-80GB";
    cr.getSpec().model = "llama-9b";
    cr = reconcileOnce(client.resources(InferenceScaler.class).inNamespace(NS).resource(cr).update());
    assertThat(condition(cr, "Ready").getMessage()).contains("spec.model", "'llama-9b'", "llama-3.1-8b", "spec.modelProfileRef");

    cr.getSpec().model = "llama-3.1-8b";
    cr = reconcileOnce(client.resources(InferenceScaler.class).inNamespace(NS).resource(cr).update());
    assertThat(condition(cr, "Ready").getStatus()).isEqualTo("True");
  }

  @Test
  void aMissingTargetIsReportedNotFatal() {
    InferenceScaler cr = scaler("orphan", InferenceScalerSpec.Mode.Enforce);
    cr.getSpec().scaleTargetRef.name = "nope";
    cr = reconcileOnce(cr);
    assertThat(condition(cr, "Ready").getReason()).isEqualTo("TargetNotFound");
  }

  /** A LeaderWorkerSet-like custom resource: found by discovery, scaled through its /scale, ready pods counted by its selector. */
  @Test
  void anyKindWithAScaleSubresourceIsScaled() throws Exception {
    String group = "/apis/leaderworkerset.x-k8s.io/v1";
    server.expect().get().withPath(group).andReturn(200, new io.fabric8.kubernetes.api.model.APIResourceListBuilder().withGroupVersion("leaderworkerset.x-k8s.io/v1")
        .addNewResource().withName("leaderworkersets").withKind("LeaderWorkerSet").withNamespaced(true).withVerbs("get", "list").endResource()
        .addNewResource().withName("leaderworkersets/scale").withKind("Scale").withGroup("autoscaling").withVersion("v1").withNamespaced(true).endResource()
        .build()).always();
    String object = group + "/namespaces/" + NS + "/leaderworkersets/llama-lws";
    server.expect().get().withPath(object).andReturn(200, "{\"apiVersion\":\"leaderworkerset.x-k8s.io/v1\",\"kind\":\"LeaderWorkerSet\",\"metadata\":{\"name\":\"llama-lws\",\"namespace\":\"ai\"},\"spec\":{\"replicas\":2}}").always();
    java.util.List<String> writes = new java.util.concurrent.CopyOnWriteArrayList<>();
    int[] replicas = {2};
    server.expect().get().withPath(object + "/scale").andReply(200, r -> scale(replicas[0])).always();
    io.fabric8.mockwebserver.utils.BodyProvider<Object> write = r -> {
      String body = r.getUtf8Body();
      writes.add(body);
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"replicas\":(\\d+)").matcher(body);
      if (m.find()) {
        replicas[0] = Integer.parseInt(m.group(1));
      }
      return scale(replicas[0]);
    };
    server.expect().put().withPath(object + "/scale").andReply(200, write).always();
    server.expect().patch().withPath(object + "/scale").andReply(200, write).always();
    for (int i = 0; i < 3; i++) {
      client.pods().inNamespace(NS).resource(new io.fabric8.kubernetes.api.model.PodBuilder().withNewMetadata().withName("lws-" + i).addToLabels("app", "llama-lws").endMetadata()
          .withNewStatus().addNewCondition().withType("Ready").withStatus(i < 2 ? "True" : "False").endCondition().endStatus().build()).createOr(c -> c.update());
    }
    InferenceScaler cr = scaler("lws", InferenceScalerSpec.Mode.Enforce);
    cr.getSpec().scaleTargetRef.apiVersion = "leaderworkerset.x-k8s.io/v1";
    cr.getSpec().scaleTargetRef.kind = "LeaderWorkerSet";
    cr.getSpec().scaleTargetRef.name = "llama-lws";
    cr = client.resources(InferenceScaler.class).inNamespace(NS).resource(cr).update();
    for (int i = 0; i < 8; i++) {
      cr = reconcileOnce(cr);
    }
    assertThat(condition(cr, "Ready").getStatus()).as(condition(cr, "Ready").getMessage()).isEqualTo("True");
    assertThat(writes).isNotEmpty();
    assertThat(replicas[0]).isBetween(8, 20);
    assertThat(cr.getStatus().recommendedReplicas).isEqualTo(replicas[0]);
    assertThat(client.v1().events().inNamespace(NS).list().getItems())
        .anyMatch(e -> e.getReason().equals("Scaled") && e.getMessage().contains("scaled LeaderWorkerSet llama-lws 2 -> "));
  }

  private static io.fabric8.kubernetes.api.model.autoscaling.v1.Scale scale(int replicas) {
    return new io.fabric8.kubernetes.api.model.autoscaling.v1.ScaleBuilder().withNewMetadata().withName("llama-lws").withNamespace(NS).endMetadata()
        .withNewSpec().withReplicas(replicas).endSpec().withNewStatus().withReplicas(replicas).withSelector("app=llama-lws").endStatus().build();
  }

  @Test
  void aKindTheApiServerDoesNotServeIsReportedWithWhatToCheck() {
    InferenceScaler cr = scaler("typo", InferenceScalerSpec.Mode.Enforce);
    cr.getSpec().scaleTargetRef.apiVersion = "example.com/v1";
    cr.getSpec().scaleTargetRef.kind = "Rollout";
    cr = reconcileOnce(client.resources(InferenceScaler.class).inNamespace(NS).resource(cr).update());
    assertThat(condition(cr, "Ready").getReason()).isEqualTo("UnsupportedTarget");
    assertThat(condition(cr, "Ready").getMessage()).contains("serves no namespaced kind Rollout in example.com/v1", "install its CRD");
  }
}
