package dev.ballast.operator.reconcile;

import dev.ballast.core.config.Settings;
import dev.ballast.core.spi.ServiceSample;
import dev.ballast.operator.api.v1alpha1.InferenceScaler;
import dev.ballast.operator.api.v1alpha1.ModelProfile;
import dev.ballast.operator.scaling.ModelProfiles;
import dev.ballast.operator.api.v1alpha1.InferenceScalerSpec;
import dev.ballast.operator.api.v1alpha1.InferenceScalerStatus;
import dev.ballast.operator.capacity.NodeConsolidation;
import dev.ballast.operator.metrics.ServiceMetricsSource;
import dev.ballast.operator.scaling.ScaleTarget;
import dev.ballast.operator.scaling.ScalerDecision;
import dev.ballast.operator.scaling.ServingScaler;
import dev.ballast.operator.telemetry.OperatorMetrics;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reconciles an InferenceScaler as a flat list of idempotent steps: observe the target, observe
 * the metrics, ask {@code ballast-core} (with one replica more for each replica leaving a node that
 * {@link NodeConsolidation} empties), act (in Enforce mode only: mark the leaving pods to go first,
 * patch {@code /scale} to an absolute count), then write status and an event when the
 * recommendation changes. Every step can be repeated: a crash between any two loses nothing and
 * duplicates nothing, since the next reconcile observes again and each action sets an absolute
 * value. It runs again every
 * {@code period}.
 */
@ControllerConfiguration(name = "inferencescaler")
public final class InferenceScalerReconciler implements Reconciler<InferenceScaler>, Cleaner<InferenceScaler> {
  /** Test hook: called after each step, may throw to simulate a crash there. */
  @FunctionalInterface
  public interface StepHook {
    StepHook NONE = step -> {};

    void after(String step);
  }

  static final String CONFLICT = "ConflictingAutoscaler";
  private final KubernetesClient client;
  private final AutoscalerConflicts conflicts;
  private final ServiceMetricsSource metrics;
  private final InstantSource clock;
  private final Duration period;
  private final Settings settings;
  private final OperatorMetrics telemetry;
  private final EventRecorder events;
  private final TargetAccess targets;
  private final Map<String, ServingScaler> scalers = new ConcurrentHashMap<>(); // by resource; each knows its keep-alive choice
  private volatile boolean recommendOnly;
  private volatile StepHook hook = StepHook.NONE;
  private volatile NodeConsolidation consolidation = new NodeConsolidation();

  public InferenceScalerReconciler(
      KubernetesClient client, ServiceMetricsSource metrics, InstantSource clock, Duration period, Settings settings, OperatorMetrics telemetry) {
    this.client = client;
    this.conflicts = new AutoscalerConflicts(client, period);
    this.metrics = metrics;
    this.clock = clock;
    this.period = period;
    this.settings = settings;
    this.telemetry = telemetry;
    this.events = new EventRecorder(client);
    this.targets = new TargetAccess(client);
  }

  public void setStepHook(StepHook hook) {
    this.hook = hook;
  }

  /** Shared with the GpuNodePool reconciler: replicas on a node being emptied get a replacement before they go. */
  public void useConsolidation(NodeConsolidation consolidation) {
    this.consolidation = consolidation;
  }

  /** The operator runs as {@code ballast recommend}: every resource is treated as in Recommend mode. */
  public void setRecommendOnly(boolean recommendOnly) {
    this.recommendOnly = recommendOnly;
  }

  @Override
  public UpdateControl<InferenceScaler> reconcile(InferenceScaler cr, Context<InferenceScaler> context) {
    long start = System.nanoTime();
    try {
      return reconcileSteps(cr, context == null ? null : context.getPrimaryCache());
    } catch (RuntimeException e) {
      telemetry.reconcileError();
      throw e; // the SDK retries with backoff
    } finally {
      telemetry.reconciled("inferencescaler", (System.nanoTime() - start) / 1e9);
    }
  }

  /** @param cached the SDK's cache of InferenceScalers, or null (then they are listed) */
  private UpdateControl<InferenceScaler> reconcileSteps(InferenceScaler cr, IndexedResourceCache<InferenceScaler> cached) {
    Instant now = clock.instant();
    InferenceScalerSpec spec = cr.getSpec();
    String ns = cr.getMetadata().getNamespace();
    long generation = cr.getMetadata().getGeneration() == null ? 0 : cr.getMetadata().getGeneration();
    InferenceScalerStatus status = cr.getStatus() == null ? new InferenceScalerStatus() : cr.getStatus();
    cr.setStatus(status);
    status.observedGeneration = generation;

    // 1. observe the target
    ScaleTarget target;
    try {
      target = targets.read(ns, spec.scaleTargetRef);
    } catch (TargetAccess.UnsupportedTargetException e) {
      Conditions.set(status.conditions, "Ready", false, "UnsupportedTarget", e.getMessage(), generation, now);
      return UpdateControl.patchStatus(cr).rescheduleAfter(period);
    }
    if (target == null) {
      Conditions.set(status.conditions, "Ready", false, "TargetNotFound",
          spec.scaleTargetRef.kind + " " + spec.scaleTargetRef.name + " does not exist in " + ns, generation, now);
      return UpdateControl.patchStatus(cr).rescheduleAfter(period);
    }
    status.currentReplicas = target.replicas();
    // one scaler per resource; a changed keep-alive choice starts its learning afresh
    String choice = ServingScaler.keepAliveChoice(spec);
    ServingScaler scaler;
    try {
      scaler = scalers.compute(key(cr), (k, old) -> old != null && old.keepAliveChoice().equals(choice) ? old
          : new ServingScaler("service", ServingScaler.settingsFor(settings, spec), period.toNanos() / 1e9 + 30, choice));
    } catch (IllegalArgumentException e) {
      Conditions.set(status.conditions, "Ready", false, "InvalidKeepAlive", "spec.keepAlive: " + e.getMessage(), generation, now);
      return UpdateControl.patchStatus(cr).rescheduleAfter(period);
    }
    if (spec.modelProfileRef != null) {
      ModelProfile profile = client.resources(ModelProfile.class).inNamespace(ns).withName(spec.modelProfileRef).get();
      String problem = null;
      if (profile == null) {
        problem = "ModelProfile " + spec.modelProfileRef + " does not exist in " + ns;
      } else {
        try {
          scaler.useModel(ModelProfiles.toModel(profile));
        } catch (IllegalArgumentException e) {
          problem = "ModelProfile " + spec.modelProfileRef + " is invalid: " + e.getMessage();
        }
      }
      if (problem != null) {
        Conditions.set(status.conditions, "Ready", false, "ModelProfileUnusable", problem, generation, now);
        return UpdateControl.patchStatus(cr).rescheduleAfter(period);
      }
    }
    String unservable = scaler.problem(spec);
    if (unservable != null) {
      Conditions.set(status.conditions, "Ready", false, "UnservableSpec", unservable, generation, now);
      return UpdateControl.patchStatus(cr).rescheduleAfter(period);
    }
    hook.after("observe-target");

    // 2. observe the metrics
    String metricsProblem = null;
    try {
      ServiceSample sample = metrics.sample(spec, target.replicas(), target.readyReplicas(), now);
      scaler.observe(sample);
    } catch (ServiceMetricsSource.MetricsUnavailableException e) {
      metricsProblem = "metrics unavailable: " + e.getMessage();
      telemetry.metricsFailure();
    }
    String atZero = target.replicas() > 0 || target.readyReplicas() > 0 || metricsProblem != null ? null
        : spec.metrics != null && spec.metrics.readsHeldRequests()
            ? "; at zero: demand is what the gateway holds (metrics.heldRequests)"
            : "; at zero, and without metrics.heldRequests no request can wake the service (docs/operator.md, scale to zero)";
    hook.after("observe-metrics");

    // 3. decide, with one replica more for each of its replicas leaving a node being emptied;
    // only recommend while another autoscaler writes the same /scale
    boolean wantsEnforce = spec.mode == InferenceScalerSpec.Mode.Enforce && !recommendOnly;
    String conflict = !wantsEnforce ? null
        : conflicts.find(cr, cached != null ? cached.list(ns).toList() : client.resources(InferenceScaler.class).inNamespace(ns).list().getItems(), now);
    boolean enforce = wantsEnforce && conflict == null;
    String key = key(cr);
    if (enforce && "Deployment".equals(spec.scaleTargetRef.kind)) { // a ReplicaSet honours the pod deletion cost; a StatefulSet removes its highest ordinal
      consolidation.register(key, new NodeConsolidation.Scaled(ns, spec.scaleTargetRef.name, ServingScaler.gpuType(spec),
          target.replicas() < ServingScaler.serviceSpec(spec).maxReplicas()));
    } else {
      consolidation.unregister(key);
    }
    ScalerDecision decision = scaler.decide(spec, target, now, metricsProblem)
        .withMoves(consolidation.extra(key), ServingScaler.serviceSpec(spec).maxReplicas(), consolidation.reason(key))
        .heldForRetiring(!consolidation.retiring(key).isEmpty(), target.readyReplicas());
    telemetry.decided(cr.getMetadata().getName(), decision.recommendedReplicas());
    hook.after("decide");

    // 4. act: the leaving replicas are marked to go first, then the target is scaled
    if (enforce) {
      for (String pod : consolidation.leaving(key)) {
        targets.markLeaving(pod);
      }
    }
    if (enforce && decision.changes()) {
      targets.scale(ns, spec.scaleTargetRef, decision.recommendedReplicas());
      status.currentReplicas = decision.recommendedReplicas();
    }
    hook.after("act");

    // 5. status and events
    Integer before = status.recommendedReplicas;
    status.recommendedReplicas = decision.recommendedReplicas();
    InferenceScalerStatus.Decision d = new InferenceScalerStatus.Decision();
    d.time = now.toString();
    d.replicas = decision.recommendedReplicas();
    d.reason = decision.reason();
    status.lastDecision = d;
    Conditions.set(status.conditions, "MetricsAvailable", decision.metricsAvailable(), decision.metricsAvailable() ? "Fresh" : "StaleOrMissing",
        decision.metricsAvailable() ? scaler.sampleCount() + " samples in the last hour" + (atZero == null ? "" : atZero) : decision.metricsMessage() + "; holding, nothing scales down", generation, now);
    if (conflict != null && !Conditions.hasReason(status.conditions, "Enforcing", CONFLICT)) {
      events.record(cr, "Warning", CONFLICT, conflict + "; Ballast only recommends until it is removed", now);
    }
    Conditions.set(status.conditions, "Enforcing", enforce, enforce ? "Enforce" : conflict != null ? CONFLICT : "Recommend",
        enforce ? "patching " + spec.scaleTargetRef.kind + " " + spec.scaleTargetRef.name + "/scale"
            : conflict != null ? conflict + ": two writers of one /scale undo each other, so Ballast only recommends until it is removed"
            : recommendOnly ? "the operator runs in recommend mode (ballast recommend): status and events only" : "recommend mode: status and events only", generation, now);
    Conditions.set(status.conditions, "Ready", true, "Reconciled", "recommends " + decision.recommendedReplicas() + " replicas", generation, now);
    if (before == null || before != decision.recommendedReplicas()) {
      events.record(cr, decision.metricsAvailable() ? "Normal" : "Warning", enforce ? "Scaled" : "Recommended",
          (enforce ? "scaled " : "would scale ") + spec.scaleTargetRef.kind + " " + spec.scaleTargetRef.name + " " + decision.currentReplicas() + " -> "
              + decision.recommendedReplicas() + ": " + decision.reason(), now);
    }
    return UpdateControl.patchStatus(cr).rescheduleAfter(period);
  }

  @Override
  public DeleteControl cleanup(InferenceScaler cr, Context<InferenceScaler> context) {
    scalers.remove(key(cr));
    consolidation.unregister(key(cr));
    return DeleteControl.defaultDelete();
  }

  private static String key(InferenceScaler cr) {
    return cr.getMetadata().getUid() == null ? cr.getMetadata().getNamespace() + "/" + cr.getMetadata().getName() : cr.getMetadata().getUid();
  }
}
