package dev.ballast.operator.scaling;

import dev.ballast.core.catalog.Catalog;
import dev.ballast.core.catalog.DefaultCatalog;
import dev.ballast.core.catalog.GpuProducts;
import dev.ballast.core.catalog.Model;
import dev.ballast.core.catalog.NodeType;
import dev.ballast.core.config.Settings;
import dev.ballast.core.policy.BallastPolicy;
import dev.ballast.core.policy.BallastSettings;
import dev.ballast.core.resources.GpuRequest;
import dev.ballast.core.resources.ResourceRequirements;
import dev.ballast.core.resources.Resources;
import dev.ballast.core.service.ServiceSpec;
import dev.ballast.core.service.Slo;
import dev.ballast.core.spi.Action;
import dev.ballast.core.spi.ClusterSnapshot;
import dev.ballast.core.spi.ClusterView;
import dev.ballast.core.spi.MetricsView;
import dev.ballast.core.spi.NodePool;
import dev.ballast.core.spi.Plan;
import dev.ballast.core.spi.PodPhase;
import dev.ballast.core.spi.PodView;
import dev.ballast.core.spi.PolicyInput;
import dev.ballast.core.spi.ServiceSample;
import dev.ballast.operator.api.v1alpha1.InferenceScalerSpec;
import dev.ballast.operator.metrics.CounterContinuity;
import dev.ballast.operator.metrics.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

/**
 * The operator's host for one InferenceScaler: it keeps the samples it has read (an hour) and one
 * {@link BallastPolicy}, the same decision code the twin runs, and turns the policy's plan for the
 * service into a replica count, within [min, max] and at most {@code maxStep} away from now.
 * With no fresh sample it holds: never below the replicas there are.
 */
public final class ServingScaler {
  static final Duration RETENTION = Duration.ofHours(1);

  private final String serviceId;
  private final BallastPolicy policy;
  private final String keepAliveChoice;
  private final Deque<ServiceSample> samples = new ArrayDeque<>();
  private final CounterContinuity counters = new CounterContinuity();
  private volatile Catalog catalog = DefaultCatalog.get();

  /**
   * @param detectionSeconds scrape interval plus metrics delay plus the reconcile period: how late
   *     the policy sees a change, part of every lead time
   */
  public ServingScaler(String serviceId, Settings settings, double detectionSeconds) {
    this(serviceId, settings, detectionSeconds, "");
  }

  /** @param keepAliveChoice {@link #keepAliveChoice} of the spec these settings were made for, to tell when it changed */
  public ServingScaler(String serviceId, Settings settings, double detectionSeconds, String keepAliveChoice) {
    this.serviceId = serviceId;
    this.policy = new BallastPolicy("ballast", settings, detectionSeconds);
    this.keepAliveChoice = keepAliveChoice;
  }

  public String keepAliveChoice() {
    return keepAliveChoice;
  }

  /**
   * The policy's defaults, less the stopped tier: this scaler sees the service's replicas, not its
   * nodes (those are the GpuNodePool's), so it cannot count on stopped capacity being there and
   * plans every replica at the lead time of new capacity, as a cluster with no resting nodes needs.
   */
  public static Settings defaultSettings() {
    return Settings.defaults(BallastSettings.all()).with(java.util.Map.of(BallastSettings.STOPPED_TIER.key(), "false"));
  }

  /** The operator's settings with this InferenceScaler's own choices (its keep-alive) on top. */
  public static Settings settingsFor(Settings base, InferenceScalerSpec spec) {
    InferenceScalerSpec.KeepAliveSpec k = keepAlive(spec);
    return base.with(java.util.Map.of(
        BallastSettings.KEEP_ALIVE_BY_COST.key(), String.valueOf(k.policy != InferenceScalerSpec.KeepAliveSpec.Policy.SloFirst),
        BallastSettings.COLD_START_PRICED_BY_SLO.key(), String.valueOf(k.policy == InferenceScalerSpec.KeepAliveSpec.Policy.SloPriced),
        BallastSettings.COLD_START_WORTH.key(), k.coldStartWorth == null ? "0s" : k.coldStartWorth));
  }

  /** The keep-alive choice of a spec, as a key: a scaler built for another choice must be replaced. */
  public static String keepAliveChoice(InferenceScalerSpec spec) {
    InferenceScalerSpec.KeepAliveSpec k = keepAlive(spec);
    return k.policy + "/" + k.coldStartWorth;
  }

  private static InferenceScalerSpec.KeepAliveSpec keepAlive(InferenceScalerSpec spec) {
    return spec.keepAlive == null ? new InferenceScalerSpec.KeepAliveSpec() : spec.keepAlive;
  }

  /**
   * Records a sample read now (newer than the last, else ignored), its counters carried on past a
   * replica that left the sums ({@link CounterContinuity}).
   */
  public void observe(ServiceSample sample) {
    if (!samples.isEmpty() && !sample.at().isAfter(samples.peekLast().at())) {
      return;
    }
    samples.addLast(counters.next(sample));
    while (!samples.isEmpty() && samples.peekFirst().at().isBefore(sample.at().minus(RETENTION))) {
      samples.removeFirst();
    }
  }

  public int sampleCount() {
    return samples.size();
  }

  /** Serves a model the catalog lacks (from a ModelProfile): the default catalog with it added. */
  public void useModel(Model model) {
    catalog = DefaultCatalog.get().with(List.of(), List.of(), List.of(model));
  }

  /**
   * Why this scaler cannot size the spec's service, or null: a model it does not know, or a GPU
   * type (a catalog id or NVIDIA's product label, e.g. {@code NVIDIA-H100-80GB-HBM3}) that the
   * model has no serving profile for or that no node type offers.
   */
  public String problem(InferenceScalerSpec spec) {
    String modelId = modelId(spec);
    Model model = catalog.models().get(modelId);
    if (model == null) {
      return "spec.model: unknown model '" + modelId + "'; the catalog knows " + String.join(", ", sorted(catalog.models().keySet()))
          + ", or name a ModelProfile in spec.modelProfileRef";
    }
    String gpu = gpuType(spec);
    if (model.profileOn(gpu).isEmpty()) {
      return "spec.gpuType: model " + modelId + " has no serving profile on GPU type '" + spec.gpuType + "'"
          + (gpu.equals(spec.gpuType) ? "" : " (read as " + gpu + ")") + "; it has one on " + String.join(", ", sorted(model.profiles().keySet()));
    }
    return nodeTypeFor(gpu) == null ? "spec.gpuType: no node type in the catalog offers GPU type " + gpu : null;
  }

  /** The spec's GPU type as a catalog id: NVIDIA's product names and GPU feature discovery labels are read too. */
  public static String gpuType(InferenceScalerSpec spec) {
    return GpuProducts.catalogId(spec.gpuType);
  }

  private static String modelId(InferenceScalerSpec spec) {
    return spec.modelProfileRef != null ? spec.modelProfileRef : spec.model;
  }

  private static List<String> sorted(java.util.Set<String> ids) {
    return ids.stream().sorted().toList();
  }

  public ScalerDecision decide(InferenceScalerSpec spec, ScaleTarget target, Instant now, String metricsProblem) {
    ServiceSpec svc = serviceSpec(spec);
    PolicyInput input = new PolicyInput(now, cluster(svc, spec, target), metrics());
    Plan plan = policy.decide(input);
    int current = target.replicas();
    int desired = current;
    List<String> reasons = new ArrayList<>();
    int removals = 0;
    for (Action a : plan.actions()) {
      if (a instanceof Action.ScaleReplicas s && s.serviceId().equals(serviceId)) {
        desired = s.replicas();
        reasons.add(s.reason());
      } else if (a instanceof Action.RemoveReplica r) {
        removals++;
        reasons.add(r.reason());
      }
    }
    desired -= removals;
    boolean fresh = metricsProblem == null && !plan.summary().contains("hold, metrics");
    if (!fresh) {
      desired = Math.max(desired, current); // nothing goes while blind
      reasons.add("hold: " + (metricsProblem != null ? metricsProblem : plan.summary().trim()));
    }
    int bounded = Math.max(svc.minReplicas(), Math.min(svc.maxReplicas(), desired));
    int stepped = Math.max(current - spec.maxStep, Math.min(current + spec.maxStep, bounded));
    if (stepped != bounded) {
      reasons.add(String.format(Locale.ROOT, "step limited to %d (maxStep %d)", stepped, spec.maxStep));
    }
    String reason = reasons.isEmpty() ? "hold at " + current + ": " + policy.explain(svc.id()) : String.join("; ", reasons);
    return new ScalerDecision(current, stepped, reason, fresh, fresh ? "" : reasons.get(reasons.size() - 1));
  }

  /** The spec as the core's service: its SLO, and its replica bounds (at least one unless it scales to zero). */
  public static ServiceSpec serviceSpec(InferenceScalerSpec spec) {
    Duration ttft = Duration.ofNanos(Math.round(Durations.seconds(spec.slo.ttftTarget) * 1e9));
    int min = spec.scaleToZero ? spec.minReplicas : Math.max(1, spec.minReplicas);
    return new ServiceSpec("service", modelId(spec), new Slo(ttft, spec.slo.share), min, Math.max(min, spec.maxReplicas), List.of(gpuType(spec)));
  }

  private ClusterView cluster(ServiceSpec svc, InferenceScalerSpec spec, ScaleTarget target) {
    String gpu = gpuType(spec);
    NodeType nodeType = nodeTypeFor(gpu);
    if (nodeType == null) {
      throw new IllegalArgumentException(problem(spec));
    }
    List<PodView> pods = new ArrayList<>();
    Resources r = Resources.of(4000, 16 * 1024, GpuRequest.whole(1));
    for (int i = 0; i < target.replicas(); i++) {
      PodPhase phase = i < target.readyReplicas() ? PodPhase.READY : PodPhase.STARTING;
      pods.add(new PodView(target.name() + "-" + i, "service", null, gpu, phase, ResourceRequirements.guaranteed(r), Instant.EPOCH));
    }
    List<NodePool> pools = List.of(new NodePool("gpu-" + gpu, nodeType.id(), 0, 100_000));
    return new ClusterSnapshot(List.of(), pods, List.of(svc), pools, catalog);
  }

  private MetricsView metrics() {
    List<ServiceSample> list = List.copyOf(samples);
    return id -> list;
  }

  /** The cheapest node type per GPU that carries the GPU type, or null. */
  private NodeType nodeTypeFor(String gpuType) {
    NodeType best = null;
    for (NodeType t : catalog.nodeTypes().values()) {
      if (t.gpu() != null && t.gpu().id().equals(gpuType) && (best == null || t.usdPerGpuSecond() < best.usdPerGpuSecond())) {
        best = t;
      }
    }
    return best;
  }
}
