package dev.ballast.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/** What to scale, to which SLO, within which bounds, and whether to act or only recommend. */
@ValidationRule(value = "self.minReplicas <= self.maxReplicas", message = "minReplicas must not exceed maxReplicas")
@ValidationRule(value = "!self.scaleToZero || self.minReplicas == 0", message = "scaleToZero needs minReplicas: 0")
public class InferenceScalerSpec {
  @Required
  @JsonPropertyDescription("The workload to scale through its /scale subresource: a Deployment, a StatefulSet, or any kind that serves /scale with a selector (a LeaderWorkerSet, an Argo Rollout).")
  public ScaleTargetRef scaleTargetRef;

  @Default("llama-3.1-8b")
  @JsonPropertyDescription("Model served, from Ballast's catalog (llama-3.1-8b, llama-3.1-70b), unless modelProfileRef names a ModelProfile.")
  public String model = "llama-3.1-8b";

  @JsonPropertyDescription("Name of a ModelProfile in this namespace with the model's own figures; overrides model.")
  public String modelProfileRef;

  @Default("H100-80GB")
  @JsonPropertyDescription("GPU type the target's pods run on (its nodeSelector): a catalog id (H100-80GB, A100-80GB, L4) or NVIDIA's product label (NVIDIA-H100-80GB-HBM3).")
  public String gpuType = "H100-80GB";

  @Required
  @JsonPropertyDescription("The service level to hold: time to first token and the share of requests within it.")
  public SloSpec slo;

  @Min(0)
  @Default("1")
  @JsonPropertyDescription("Fewest replicas, also while metrics are missing. 0 allows scale-to-zero.")
  public int minReplicas = 1;

  @Required
  @Min(1)
  @Max(10000)
  @JsonPropertyDescription("Most replicas.")
  public int maxReplicas;

  @Default("false")
  @JsonPropertyDescription("Scale to zero when idle, by a keep-alive learned from the service's idle times (needs minReplicas: 0).")
  public boolean scaleToZero;

  @JsonPropertyDescription("How a service that may scale to zero is kept warm while idle.")
  public KeepAliveSpec keepAlive = new KeepAliveSpec();

  @Default("Recommend")
  @JsonPropertyDescription("Recommend: write status and events only. Enforce: also patch the target's /scale.")
  public Mode mode = Mode.Recommend;

  @Min(1)
  @Default("20")
  @JsonPropertyDescription("Most replicas added or removed in one decision (bounds the change rate).")
  public int maxStep = 20;

  @JsonPropertyDescription("Where the serving metrics come from; defaults read vLLM's series from Prometheus.")
  public MetricsSpec metrics = new MetricsSpec();

  /** Whether Ballast acts or only says what it would do. */
  public enum Mode {
    Recommend,
    Enforce
  }

  /** The object to scale. */
  public static class ScaleTargetRef {
    @Default("apps/v1")
    @JsonPropertyDescription("API version of the target.")
    public String apiVersion = "apps/v1";

    @Default("Deployment")
    @JsonPropertyDescription("Kind of the target. Deployment and StatefulSet report their ready replicas; any other kind is found by discovery, and its ready replicas are the Ready pods matching the selector its /scale reports. The chart's rbac.scaleTargets must grant its /scale.")
    public String kind = "Deployment";

    @Required
    @Pattern("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$")
    @JsonPropertyDescription("Name of the target, in the InferenceScaler's namespace.")
    public String name;
  }

  /** The keep-alive of a service that may scale to zero. */
  public static class KeepAliveSpec {
    /** Least expected cost with cold starts priced by the SLO, by GPU time alone, or SLO first. */
    public enum Policy {
      SloPriced,
      Cost,
      SloFirst
    }

    @Default("SloPriced")
    @JsonPropertyDescription("SloPriced: keep warm and pre-warm where that is cheapest in expectation over the service's idle times, a cold start"
        + " priced at its own GPU time plus the requests it keeps waiting, each weighing share/(1 - share) served requests, plus coldStartWorth"
        + " (docs/results.md: on the Azure Functions sample, fewer cold starts than KPA and KEDA at lower cost, 99.3 % of requests within the SLO)."
        + " Cost: the same without the SLO price. SloFirst: pre-warm at the 5th percentile of the idle times and keep warm to the 99th"
        + " (Shahrad et al., ATC'20). Until ten idle periods are seen, SloPriced and Cost keep warm after activity for what a cold start"
        + " costs (ski rental's break-even), SloFirst for 10 minutes.")
    public Policy policy = Policy.SloPriced;

    @Default("0s")
    @Pattern("^[0-9]+(s|m|h)$")
    @JsonPropertyDescription("With policy SloPriced or Cost: GPU time one avoided cold start is worth beyond its own and its SLO price, e.g. 60s.")
    public String coldStartWorth = "0s";
  }

  /** TTFT target and share. */
  public static class SloSpec {
    @Required
    @Pattern("^[0-9]+(\\.[0-9]+)?(ms|s)$")
    @JsonPropertyDescription("Time-to-first-token target, e.g. 500ms or 2s.")
    public String ttftTarget;

    @Default("0.99")
    @Min(0.5)
    @Max(0.9999)
    @JsonPropertyDescription("Share of requests to serve within the target, e.g. 0.99.")
    public double share = 0.99;
  }
}
