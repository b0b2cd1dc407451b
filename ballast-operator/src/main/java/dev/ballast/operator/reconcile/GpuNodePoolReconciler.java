package dev.ballast.operator.reconcile;

import dev.ballast.core.capacity.NodePlanner;
import dev.ballast.core.catalog.Catalog;
import dev.ballast.core.catalog.NodeType;
import dev.ballast.core.policy.BallastSettings;
import dev.ballast.core.spi.Action;
import dev.ballast.core.spi.NodeState;
import dev.ballast.core.spi.NodeView;
import dev.ballast.operator.api.v1alpha1.GpuNodePool;
import dev.ballast.operator.api.v1alpha1.GpuNodePoolSpec;
import dev.ballast.operator.api.v1alpha1.GpuNodePoolStatus;
import dev.ballast.operator.api.v1alpha1.InferenceScalerSpec;
import dev.ballast.operator.api.v1alpha1.InferenceScalerStatus;
import dev.ballast.operator.capacity.Headroom;
import dev.ballast.operator.capacity.NodeConsolidation;
import dev.ballast.operator.capacity.NodePoolProvider;
import dev.ballast.operator.capacity.NodeTiers;
import dev.ballast.operator.capacity.PoolSnapshot;
import dev.ballast.operator.telemetry.OperatorMetrics;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reconciles a GpuNodePool as a flat list of idempotent steps: observe the pool's nodes, the
 * unschedulable pods that want them and the provider's machines in flight; ask {@code
 * ballast-core}'s node planner, then hold the standby bounds, and follow the consolidation of an
 * under-used node ({@link NodeConsolidation}); act (Enforce only) by tainting, prefetching,
 * cordoning and calling the provider; keep the headroom placeholders; write status
 * and one event per action. Every action sets an absolute state, so a crash between steps repeats
 * nothing twice: the next reconcile observes what was done.
 */
@ControllerConfiguration(name = "gpunodepool")
public final class GpuNodePoolReconciler implements Reconciler<GpuNodePool>, Cleaner<GpuNodePool> {
  private final KubernetesClient client;
  private final InstantSource clock;
  private final Duration period;
  private final Duration idleGrace;
  private final OperatorMetrics telemetry;
  private final EventRecorder events;
  private final NodeTiers tiers;
  private final Headroom headroom;
  private final Catalog catalog;
  private final Map<String, NodePlanner> planners = new ConcurrentHashMap<>();
  private volatile boolean recommendOnly;
  private volatile ClusterReads reads;
  private volatile InferenceScalerReconciler.StepHook hook = InferenceScalerReconciler.StepHook.NONE;
  private volatile NodeConsolidation consolidation = new NodeConsolidation();

  public GpuNodePoolReconciler(KubernetesClient client, InstantSource clock, Duration period, Duration idleGrace, String namespace, Catalog catalog, OperatorMetrics telemetry) {
    this.client = client;
    this.clock = clock;
    this.period = period;
    this.idleGrace = idleGrace;
    this.telemetry = telemetry;
    this.events = new EventRecorder(client);
    this.tiers = new NodeTiers(client, namespace);
    this.headroom = new Headroom(client, namespace);
    this.catalog = catalog;
    this.reads = ClusterReads.direct(client);
  }

  /** Where Nodes and Pods are read from: the API on every reconcile unless the host sets its informer caches. */
  public void setClusterReads(ClusterReads reads) {
    this.reads = reads;
  }

  /** Shared with the InferenceScaler reconciler, which gives each leaving replica its replacement. */
  public void useConsolidation(NodeConsolidation consolidation) {
    this.consolidation = consolidation;
  }

  public void setStepHook(InferenceScalerReconciler.StepHook hook) {
    this.hook = hook;
  }

  /** The operator runs as {@code ballast recommend}: every resource is treated as in Recommend mode. */
  public void setRecommendOnly(boolean recommendOnly) {
    this.recommendOnly = recommendOnly;
  }

  @Override
  public UpdateControl<GpuNodePool> reconcile(GpuNodePool pool, Context<GpuNodePool> context) {
    long start = System.nanoTime();
    try {
      return reconcileSteps(pool);
    } catch (RuntimeException e) {
      telemetry.reconcileError();
      throw e; // the SDK retries with backoff
    } finally {
      telemetry.reconciled("gpunodepool", (System.nanoTime() - start) / 1e9);
    }
  }

  private UpdateControl<GpuNodePool> reconcileSteps(GpuNodePool pool) {
    Instant now = clock.instant();
    GpuNodePoolSpec spec = pool.getSpec();
    long generation = pool.getMetadata().getGeneration() == null ? 0 : pool.getMetadata().getGeneration();
    GpuNodePoolStatus status = pool.getStatus() == null ? new GpuNodePoolStatus() : pool.getStatus();
    pool.setStatus(status);
    status.observedGeneration = generation;

    // 1. observe
    List<Node> nodes = reads.nodes(spec.nodeSelector);
    NodeType type;
    try {
      type = PoolTypes.nodeType(catalog, spec, nodes);
    } catch (IllegalArgumentException e) {
      Conditions.set(status.conditions, "Ready", false, "UnknownNodeType", e.getMessage(), generation, now);
      consolidation.forget(pool.getMetadata().getName());
      return UpdateControl.patchStatus(pool).rescheduleAfter(period);
    }
    double consolidateAfter;
    try {
      consolidateAfter = consolidateAfterSeconds(spec);
    } catch (IllegalArgumentException e) {
      Conditions.set(status.conditions, "Ready", false, "InvalidConsolidateAfter", "spec.consolidateAfter: " + e.getMessage(), generation, now);
      consolidation.forget(pool.getMetadata().getName());
      return UpdateControl.patchStatus(pool).rescheduleAfter(period);
    }
    NodePoolProvider provider = NodePoolProvider.of(pool, client);
    int provisioning;
    String providerProblem = null;
    try {
      provisioning = provider.provisioning(pool);
    } catch (KubernetesClientException e) {
      provisioning = 0;
      providerProblem = "cannot list the provider's machines: " + e.getMessage();
    }
    List<Pod> pods = reads.pods();
    PoolSnapshot snapshot = PoolSnapshot.of(pool, type, catalog, nodes, pods, provisioning, now, PoolTypes.choice(client, reads, catalog, pool, type, nodes, pods));
    hook.after("observe");

    // 2. decide: the core's node plan, then the standby bounds
    NodePlanner planner = planners.computeIfAbsent(key(pool), k -> new NodePlanner());
    String poolId = pool.getMetadata().getName();
    List<Action> actions = new ArrayList<>(planner.plan(snapshot.view(), Map.of(poolId, spec.stopped.min),
        spec.prefetchModel == null ? Map.of() : Map.of(poolId, spec.prefetchModel), now.toEpochMilli() / 1000.0, idleGrace.toSeconds(), true));
    Optional<Action.AddNodes> floor = TierBounds.apply(snapshot.view(), spec.standby.min, spec.stopped.max, actions);
    String floorProblem = null;
    if (floor.isPresent() && !provider.launchesWithoutPods()) { // said once, not asked for every reconcile
      actions.remove(floor.get());
      floorProblem = "standby.min " + spec.standby.min + " not held (" + floor.get().reason() + "): provider " + spec.provider.kind
          + " launches nodes only for pods that wait; hold capacity ahead with spec.headroomGpus, or use a ClusterAPI provider";
    }
    telemetry.poolActions(poolId, actions.size());
    boolean enforce = spec.mode == InferenceScalerSpec.Mode.Enforce && !recommendOnly;
    // consolidation moves replicas, so it runs only where Ballast acts
    Optional<NodeConsolidation.Emptying> emptying = consolidation.update(poolId, enforce ? consolidateAfter : 0, snapshot.view(), pods, now);
    hook.after("decide");

    // 3. act (events only when the decision changed, so a steady recommendation does not flood them)
    List<String> reasons = new ArrayList<>(actions.stream().map(Action::reason).toList());
    if (floorProblem != null) {
      reasons.add(floorProblem);
    }
    emptying.ifPresent(e -> reasons.add("ballast: emptying " + e.nodeId() + " make-before-break (tainted " + NodeConsolidation.TAINT + ")"));
    String decision = reasons.isEmpty() ? null : String.join("; ", reasons);
    boolean changed = decision != null && (status.lastDecision == null || !decision.equals(status.lastDecision.reason));
    List<String> refused = new ArrayList<>();
    if (floorProblem != null) {
      refused.add(floorProblem);
      if (changed) {
        events.record(pool, "Warning", "Unsupported", floorProblem, now);
      }
    }
    long live = snapshot.view().nodes().stream().filter(n -> n.state() != NodeState.DRAINING && n.state() != NodeState.GONE).count();
    for (Action a : actions) {
      String done;
      boolean ok = true;
      if (!enforce) {
        done = "recommend mode: not done";
      } else {
        try {
          done = act(pool, provider, snapshot, a, live);
          if (a instanceof Action.AddNodes add) {
            live += add.count();
          } else if (a instanceof Action.RemoveNode) {
            live--;
          }
        } catch (NodePoolProvider.Unsupported | KubernetesClientException e) {
          done = "not done: " + e.getMessage();
          refused.add(e.getMessage());
          ok = false;
        }
      }
      hook.after("act");
      if (changed || (enforce && ok)) {
        events.record(pool, ok ? "Normal" : "Warning", enforce ? eventReason(a) : "Recommended", a.reason() + " (" + done + ")", now);
      }
    }
    if (enforce) {
      // finish what a crash may have cut short: every standby node prefetches, every node marked for removal is removed
      for (Node n : snapshot.nodes().values()) {
        try {
          if (PoolSnapshot.standby(n)) {
            tiers.prefetch(pool, n);
          }
          if (PoolSnapshot.state(n) == NodeState.DRAINING && provider.removes()) {
            provider.remove(pool, n);
          }
        } catch (NodePoolProvider.Unsupported | KubernetesClientException e) {
          refused.add(e.getMessage());
        }
      }
      try {
        consolidationTaints(snapshot, emptying.map(NodeConsolidation.Emptying::nodeId).orElse(null));
      } catch (KubernetesClientException e) {
        refused.add(e.getMessage());
      }
      emptying.map(NodeConsolidation.Emptying::started).ifPresent(why -> events.record(pool, "Normal", "Consolidating", why, now));
      String headroomChange = headroom.ensure(pool);
      if (headroomChange != null) {
        events.record(pool, "Normal", "Headroom", headroomChange, now);
      }
    }
    hook.after("headroom");

    // 4. status
    List<NodeView> views = snapshot.view().nodes();
    status.serving = (int) views.stream().filter(n -> n.state() == NodeState.READY && !n.standby()).count();
    status.standby = (int) views.stream().filter(n -> n.state() == NodeState.READY && n.standby()).count();
    status.stopped = (int) views.stream().filter(n -> n.state() == NodeState.STOPPED).count();
    status.provisioning = (int) views.stream().filter(n -> n.state() == NodeState.PROVISIONING || n.state() == NodeState.STARTING).count();
    status.unschedulableGpus = snapshot.unschedulableGpus();
    double price = spec.pricePerHour != null ? spec.pricePerHour : type.runningUsdPerSecond() * 3600;
    status.hourlyCostUsd = Math.round(views.stream().filter(n -> n.state().billedInFull()).count() * price * 100) / 100.0;
    InferenceScalerStatus.Decision d = new InferenceScalerStatus.Decision();
    d.time = now.toString();
    d.reason = decision != null ? decision : "ballast: pool holds (" + status.serving + " serving, " + status.standby + " standby, " + status.stopped + " stopped)";
    // said in the Ready condition, not in lastDecision: that one is compared with the next decision
    String elsewhere = snapshot.gpusLeftToOtherPools().isEmpty() ? "" : "; waiting GPUs left to other pools, cheaper or with room: " + snapshot.gpusLeftToOtherPools();
    status.lastDecision = d;
    Conditions.set(status.conditions, "Enforcing", enforce, enforce ? "Enforce" : "Recommend",
        enforce ? "acting through provider " + spec.provider.kind : recommendOnly ? "the operator runs in recommend mode (ballast recommend): status and events only" : "recommend mode: status and events only", generation, now);
    Conditions.set(status.conditions, "ProviderReady", providerProblem == null && refused.isEmpty(), providerProblem != null ? "ProviderUnreachable" : refused.isEmpty() ? "Ok" : "Unsupported",
        providerProblem != null ? providerProblem : refused.isEmpty() ? "provider " + spec.provider.kind : String.join("; ", refused), generation, now);
    Conditions.set(status.conditions, "Ready", true, "Reconciled", d.reason + elsewhere, generation, now);
    return UpdateControl.patchStatus(pool).rescheduleAfter(period);
  }

  /**
   * The soft taint is on the node being emptied, and off every node that holds pods again; an
   * emptied node keeps it until it rests or is removed, so that nothing new lands on it first.
   */
  private void consolidationTaints(PoolSnapshot snapshot, String emptying) {
    for (NodeView n : snapshot.view().nodes()) {
      Node node = snapshot.nodes().get(n.id());
      if (node == null) {
        continue; // a machine still being created
      }
      if (n.id().equals(emptying)) {
        tiers.consolidating(node, true);
      } else if (n.podCount() > 0 && NodeTiers.consolidating(node)) {
        tiers.consolidating(node, false);
      }
    }
  }

  /** The pool's consolidation delay, read as the twin's setting reads it (and within its bounds); 0: never. */
  static double consolidateAfterSeconds(GpuNodePoolSpec spec) {
    Duration d = BallastSettings.CONSOLIDATE_AFTER.parse(spec.consolidateAfter == null ? "0s" : spec.consolidateAfter);
    return d.toNanos() / 1e9;
  }

  private String act(GpuNodePool pool, NodePoolProvider provider, PoolSnapshot snapshot, Action a, long live) {
    return switch (a) {
      case Action.AddNodes add -> provider.resize(pool, (int) live + add.count());
      case Action.RemoveNode rm -> {
        Node n = snapshot.nodes().get(rm.nodeId());
        if (!provider.removes()) {
          throw new NodePoolProvider.Unsupported("provider " + pool.getSpec().provider.kind + " cannot remove " + rm.nodeId());
        }
        tiers.cordonForRemoval(n);
        hook.after("cordoned");
        yield "cordoned; " + provider.remove(pool, n);
      }
      case Action.StopNode stop -> provider.stop(pool, snapshot.nodes().get(stop.nodeId()));
      case Action.StartNode st -> provider.start(pool, snapshot.nodes().get(st.nodeId()));
      case Action.SetStandby sb -> {
        Node n = snapshot.nodes().get(sb.nodeId());
        tiers.standby(n, sb.standby());
        hook.after("tainted");
        yield sb.standby() ? "tainted " + PoolSnapshot.STANDBY_TAINT + "; " + tiers.prefetch(pool, n) : "untainted: serving";
      }
      default -> "not a node action";
    };
  }

  private static String eventReason(Action a) {
    return switch (a) {
      case Action.AddNodes x -> "ScaledUp";
      case Action.RemoveNode x -> "NodeRemoved";
      case Action.StopNode x -> "NodeStopped";
      case Action.StartNode x -> "NodeStarted";
      case Action.SetStandby sb -> sb.standby() ? "Standby" : "Promoted";
      default -> "Decided";
    };
  }

  private static String key(GpuNodePool pool) {
    return pool.getMetadata().getUid() == null ? pool.getMetadata().getName() : pool.getMetadata().getUid();
  }

  @Override
  public DeleteControl cleanup(GpuNodePool pool, Context<GpuNodePool> context) {
    planners.remove(key(pool));
    consolidation.forget(pool.getMetadata().getName());
    return DeleteControl.defaultDelete();
  }
}
