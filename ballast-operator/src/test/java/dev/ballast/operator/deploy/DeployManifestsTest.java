package dev.ballast.operator.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ballast.operator.telemetry.OperatorMetrics;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** What {@code deploy/} ships agrees with the code: the CRDs, RBAC without wildcards or Secrets, the dashboard's metrics, the extender and webhook paths. */
class DeployManifestsTest {
  static final Path CHART = Path.of("..", "deploy", "helm", "ballast");
  static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  /** A template with its {{ }} actions blanked, enough for the static parts to parse as YAML. */
  static List<String> documents(String template) throws Exception {
    // rendered as with the default values: range blocks over the empty lists render nothing
    String yaml = Files.readString(CHART.resolve("templates").resolve(template))
        .replaceAll("(?s)[ \\t]*\\{\\{-? range .*?\\{\\{-? end -?}}\\n?", "")
        .replaceAll("\\{\\{-?.*?-?}}", "");
    List<String> docs = new ArrayList<>();
    for (String d : yaml.split("(?m)^---$")) {
      if (!d.isBlank()) {
        docs.add(d);
      }
    }
    return docs;
  }

  @Test
  void theChartsCrdsAreTheGeneratedOnes() throws Exception {
    for (String crd : new String[] {"inferencescalers", "gpunodepools", "modelprofiles"}) {
      String file = crd + ".ballast.dev-v1.yml";
      try (InputStream generated = getClass().getResourceAsStream("/META-INF/fabric8/" + file)) {
        assertThat(Files.readString(CHART.resolve("crds").resolve(file)))
            .as("deploy/helm/ballast/crds/%s drifted from the Java classes; refresh it: cp ballast-operator/target/classes/META-INF/fabric8/*.yml deploy/helm/ballast/crds/", file)
            .isEqualTo(new String(generated.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
  }

  @Test
  void theDocsCrdReferenceIsTheGeneratedOne() throws Exception {
    String generated = dev.ballast.operator.api.CrdReference.markdown();
    Path target = Path.of("target", "crd-reference.md");
    Files.writeString(target, generated);
    assertThat(Files.readString(Path.of("..", "docs", "crd-reference.md")))
        .as("docs/crd-reference.md drifted from the CRDs; refresh it: cp ballast-operator/target/crd-reference.md docs/crd-reference.md")
        .isEqualTo(generated);
  }

  @Test
  void theExamplesReadAsTheirKinds() throws Exception {
    Path examples = Path.of("..", "examples", "operator");
    var scaler = SERIALIZATION.unmarshal(Files.readString(examples.resolve("inferencescaler.yaml")), dev.ballast.operator.api.v1alpha1.InferenceScaler.class);
    assertThat(scaler.getSpec().slo.ttftTarget).isEqualTo("2s");
    assertThat(scaler.getSpec().maxReplicas).isEqualTo(40);
    var pool = SERIALIZATION.unmarshal(Files.readString(examples.resolve("gpunodepool.yaml")), dev.ballast.operator.api.v1alpha1.GpuNodePool.class);
    assertThat(pool.getSpec().standby.min).isEqualTo(1);
    assertThat(pool.getSpec().provider.kind).isEqualTo(dev.ballast.operator.api.v1alpha1.GpuNodePoolSpec.Provider.Kind.ClusterAPI);
    var profile = SERIALIZATION.unmarshal(Files.readString(examples.resolve("modelprofile.yaml")), dev.ballast.operator.api.v1alpha1.ModelProfile.class);
    assertThat(dev.ballast.operator.scaling.ModelProfiles.toModel(profile).profileOn("H100-80GB")).isPresent();
    var serving = SERIALIZATION.unmarshal(Files.readString(examples.resolve("vllm-deployment.yaml")), io.fabric8.kubernetes.api.model.apps.Deployment.class);
    assertThat(serving.getMetadata().getName()).isEqualTo(scaler.getSpec().scaleTargetRef.name);
    var podSpec = serving.getSpec().getTemplate().getSpec();
    var args = podSpec.getContainers().get(0).getArgs();
    long shutdown = Long.parseLong(args.get(args.indexOf("--shutdown-timeout") + 1));
    long preStop = podSpec.getContainers().get(0).getLifecycle().getPreStop().getSleep().getSeconds();
    assertThat(podSpec.getTerminationGracePeriodSeconds()).as("the grace period outlasts the preStop sleep and vLLM's drain").isGreaterThan(preStop + shutdown);
    var pod = SERIALIZATION.unmarshal(Files.readString(examples.resolve("fraction-pod.yaml")), io.fabric8.kubernetes.api.model.Pod.class);
    assertThat(dev.ballast.operator.webhook.GpuMutation.environment(pod)).containsEntry("CUDA_MPS_ACTIVE_THREAD_PERCENTAGE", "50");
    assertThat(dev.ballast.operator.webhook.GpuMutation.fieldReferences(pod)).containsEntry("NVIDIA_VISIBLE_DEVICES", "metadata.annotations['ballast.dev/gpu-index']");
  }

  @Test
  void theApiServerItselfRefusesABadInferenceScaler() throws Exception {
    CustomResourceDefinition crd = SERIALIZATION.unmarshal(Files.readString(CHART.resolve("crds/inferencescalers.ballast.dev-v1.yml")), CustomResourceDefinition.class);
    var version = crd.getSpec().getVersions().get(0);
    assertThat(version.getSubresources().getStatus()).isNotNull();
    JSONSchemaProps spec = version.getSchema().getOpenAPIV3Schema().getProperties().get("spec");
    assertThat(spec.getRequired()).contains("scaleTargetRef", "slo", "maxReplicas");
    assertThat(spec.getXKubernetesValidations()).extracting(v -> v.getMessage())
        .contains("minReplicas must not exceed maxReplicas", "scaleToZero needs minReplicas: 0");
    assertThat(spec.getProperties().get("mode").getEnum()).extracting(JsonNodeText::of).containsExactlyInAnyOrder("Recommend", "Enforce");
    assertThat(spec.getProperties().get("maxReplicas").getMinimum()).isEqualTo(1.0);
    assertThat(spec.getProperties().get("slo").getProperties().get("ttftTarget").getPattern()).isNotBlank();
  }

  /** Enum values come back as JSON nodes of either Jackson; their text is what matters. */
  static final class JsonNodeText {
    static String of(Object node) {
      return node.toString().replace("\"", "");
    }
  }

  @Test
  void rbacNamesEveryVerbAndResourceAndNoSecrets() throws Exception {
    List<PolicyRule> rules = new ArrayList<>();
    for (String doc : documents("clusterrole.yaml")) {
      if (doc.contains("kind: ClusterRole\n")) {
        rules.addAll(SERIALIZATION.unmarshal(doc, ClusterRole.class).getRules());
      }
    }
    for (String doc : documents("role.yaml")) {
      if (doc.contains("kind: Role\n")) {
        rules.addAll(SERIALIZATION.unmarshal(doc, Role.class).getRules());
      }
    }
    assertThat(rules).hasSizeGreaterThan(10);
    Set<String> allowedVerbs = Set.of("get", "list", "watch", "create", "update", "patch", "delete");
    for (PolicyRule r : rules) {
      assertThat(r.getVerbs()).as(r.toString()).isNotEmpty().doesNotContain("*").isSubsetOf(allowedVerbs);
      assertThat(r.getResources()).as(r.toString()).isNotEmpty().doesNotContain("*").doesNotContain("secrets");
      assertThat(r.getApiGroups()).as(r.toString()).doesNotContain("*");
      assertThat(r.getNonResourceURLs()).as(r.toString()).isNullOrEmpty();
    }
  }

  @Test
  void everyBallastSeriesOnTheDashboardIsExported() throws Exception {
    OperatorMetrics metrics = new OperatorMetrics(new PrometheusRegistry());
    metrics.reconciled("inferencescaler", 0.01);
    metrics.reconcileError();
    metrics.metricsFailure();
    metrics.decided("s", 1);
    metrics.poolActions("p", 1);
    metrics.extender("filter", 200);
    metrics.webhook(true);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrometheusTextFormatWriter.create().write(out, metrics.registry().scrape());
    String exposition = out.toString(StandardCharsets.UTF_8);
    JsonNode dashboard = new ObjectMapper().readTree(CHART.resolve("dashboards/ballast.json").toFile());
    Set<String> used = new java.util.TreeSet<>();
    for (JsonNode panel : dashboard.get("panels")) {
      for (JsonNode target : panel.get("targets")) {
        Matcher m = Pattern.compile("ballast_[a-z_]+").matcher(target.get("expr").asText());
        while (m.find()) {
          used.add(m.group());
        }
      }
    }
    assertThat(used).hasSizeGreaterThanOrEqualTo(6);
    for (String series : used) {
      assertThat(exposition).as(series).containsPattern("(?m)^" + series + "[ {]");
    }
  }

  @Test
  void theSchedulerAndWebhookConfigurationsCallPathsTheServersServe() throws Exception {
    String extender = Files.readString(CHART.resolve("templates/scheduler-extender.yaml"));
    assertThat(extender).contains("filterVerb: filter", "prioritizeVerb: prioritize", "bindVerb: bind", "kind: KubeSchedulerConfiguration");
    String webhook = Files.readString(CHART.resolve("templates/webhook.yaml"));
    assertThat(webhook).contains("path: /mutate", "admissionReviewVersions: [\"v1\"]", "sideEffects: None");
    String deployment = Files.readString(CHART.resolve("templates/deployment.yaml"));
    assertThat(deployment).contains("path: /healthz", "path: /readyz", "--webhook-cert=", "--webhook-key=", "readOnlyRootFilesystem: true");
  }
}
