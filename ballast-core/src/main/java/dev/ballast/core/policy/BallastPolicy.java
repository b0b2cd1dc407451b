package dev.ballast.core.policy;

import dev.ballast.core.capacity.Consolidation;
import dev.ballast.core.capacity.GpuChoice;
import dev.ballast.core.capacity.LeadTimes;
import dev.ballast.core.capacity.NodePlanner;
import dev.ballast.core.catalog.Catalog;
import dev.ballast.core.catalog.Model;
import dev.ballast.core.catalog.NodeType;
import dev.ballast.core.catalog.ServingProfile;
import dev.ballast.core.config.Settings;
import dev.ballast.core.forecast.AdaptiveForecaster;
import dev.ballast.core.scaling.BurstProfile;
import dev.ballast.core.scaling.DemandObservation;
import dev.ballast.core.scaling.KeepAlive;
import dev.ballast.core.scaling.ReplicaPlan;
import dev.ballast.core.scaling.ReplicaPlanner;
import dev.ballast.core.scaling.ScaleDownGuard;
import dev.ballast.core.scaling.ServiceState;
import dev.ballast.core.scaling.SloFeedback;
import dev.ballast.core.service.ServiceSpec;
import dev.ballast.core.spi.Action;
import dev.ballast.core.spi.ClusterView;
import dev.ballast.core.spi.NodePool;
import dev.ballast.core.spi.NodeState;
import dev.ballast.core.spi.NodeView;
import dev.ballast.core.spi.Plan;
import dev.ballast.core.spi.PodPhase;
import dev.ballast.core.spi.PodView;
import dev.ballast.core.spi.Policy;
import dev.ballast.core.spi.PolicyInput;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Ballast's scaling and capacity decision, one tick at a time: for each service, learn from its
 * new samples, size its awake and warm replicas and its stopped-node need ({@link
 * ReplicaPlanner}), reconcile its pods to that (scale, wake, sleep, remove), then give waiting
 * replicas nodes and put empty nodes to rest ({@link NodePlanner}). With stale or missing metrics
 * a service holds: nothing is scaled down blind.
 */
public final class BallastPolicy implements Policy {
  private final Settings settings;
  private final double detectionSeconds;
  private final ReplicaPlanner.Knobs knobs;
  private final Map<String, ServiceState> states = new HashMap<>();
  private final Map<String, ScaleDownGuard> awakeGuards = new HashMap<>();
  private final Map<String, ScaleDownGuard> warmGuards = new HashMap<>();
  private final Map<String, String> gpuInUse = new HashMap<>();
  private final Map<String, String> lastReasons = new HashMap<>();
  private final NodePlanner nodePlanner = new NodePlanner();
  private final Consolidation consolidation;
  private final String name;
  private final int stoppedFloor;

  /**
   * @param detectionSeconds how long after a change the policy can see it (scrape interval plus
   *     metrics delay plus tick); part of every tier's lead time
   */
  public BallastPolicy(String name, Settings settings, double detectionSeconds) {
    this.name = name;
    this.settings = settings;
    this.detectionSeconds = detectionSeconds;
    this.knobs =
        new ReplicaPlanner.Knobs(
            settings.get(BallastSettings.QUEUEING_BUDGET),
            settings.get(BallastSettings.BURST_FALLBACK),
            seconds(settings.get(BallastSettings.DRAIN_TIME)),
            seconds(settings.get(BallastSettings.SCALE_DOWN_STABILIZATION)),
            settings.get(BallastSettings.FORECAST),
            settings.get(BallastSettings.WARM_TIER),
            settings.get(BallastSettings.STOPPED_TIER),
            0.005,
            keepAlivePricing(settings));
    double after = seconds(settings.get(BallastSettings.CONSOLIDATE_AFTER));
    this.stoppedFloor = settings.get(BallastSettings.STOPPED_FLOOR);
    this.consolidation = after > 0 ? new Consolidation(after, Consolidation.TIMEOUT_SECONDS) : null;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Duration tickInterval() {
    return settings.get(BallastSettings.TICK);
  }

  @Override
  public Plan decide(PolicyInput in) {
    double now = in.nowSeconds();
    ClusterView cluster = in.cluster();
    Catalog catalog = cluster.catalog();
    List<Action> actions = new ArrayList<>();
    Map<String, Integer> stoppedGpus = new LinkedHashMap<>(); // per pool, summed over its services before rounding to nodes
    Map<String, String> prefetch = new LinkedHashMap<>();
    Map<String, List<PodView>> podsByService = new HashMap<>();
    for (PodView p : cluster.pods()) {
      podsByService.computeIfAbsent(p.serviceId(), k -> new ArrayList<>()).add(p);
    }
    boolean allFresh = true;
    StringBuilder summary = new StringBuilder();
    double tick = seconds(tickInterval());
    double peakDecay = Math.exp(-tick / Math.max(1, seconds(settings.get(BallastSettings.PEAK_MEMORY))));
    double shareOverride = settings.get(BallastSettings.TARGET_SHARE);
    if (consolidation != null) {
      Map<String, Integer> maxReplicas = new HashMap<>();
      cluster.services().forEach(s -> maxReplicas.put(s.id(), s.maxReplicas()));
      // a replacement lands on the type in use, and only a service below its maximum can start one
      consolidation.update(cluster, now, p -> p.gpuTypeId().equals(gpuInUse.get(p.serviceId()))
          && podsByService.get(p.serviceId()).stream().filter(ReplicaReconciler::awakeLike).count() < maxReplicas.getOrDefault(p.serviceId(), 0));
    }
    for (ServiceSpec declared : cluster.services()) {
      ServiceSpec svc = shareOverride > 0 ? withShare(declared, shareOverride) : declared;
      ServiceState state = states.computeIfAbsent(svc.id(), k -> newState(svc));
      DemandObservation obs = state.ingest(in.metrics().samples(svc.id()), now, svc.slo().targetShare());
      if (obs == null || !obs.fresh()) {
        allFresh = false;
        summary.append(svc.id()).append(": hold, metrics ").append(obs == null ? "missing" : "stale").append("; ");
        continue;
      }
      GpuChoice.Choice choice =
          GpuChoice.choose(svc, poolsWithRoom(cluster), catalog, obs.mix(), knobs.queueingBudget() * (1 - svc.slo().targetShare()), gpuInUse.get(svc.id()));
      if (choice == null) {
        summary.append(svc.id()).append(": no node pool offers a GPU type it runs on; ");
        continue;
      }
      gpuInUse.put(svc.id(), choice.best().gpuTypeId());
      NodePool pool = choice.best().pool();
      NodeType nodeType = catalog.nodeType(pool.nodeTypeId());
      Model model = catalog.model(svc.modelId());
      ServingProfile profile = choice.best().profile();
      List<PodView> pods = podsByService.getOrDefault(svc.id(), List.of());
      LeadTimes leads = LeadTimes.of(catalog, model, nodeType, detectionSeconds);
      int awakeNow = (int) pods.stream().filter(ReplicaReconciler::awakeLike).count();
      ReplicaPlan plan = ReplicaPlanner.plan(svc, profile, state, obs, leads, restingGpus(cluster, pool) >= Math.max(1, awakeNow) * profile.gpusPerReplica(), knobs);
      state.rememberPeak(plan.awake(), peakDecay);
      var equivalent = ReplicaReconciler.equivalent(choice);
      double awakeLike = pods.stream().filter(ReplicaReconciler::awakeLike).mapToDouble(equivalent).sum();
      double ready = pods.stream().filter(p -> p.phase() == PodPhase.READY).mapToDouble(equivalent).sum();
      state.updateFeedback(now, svc.slo().targetShare(), ready >= plan.awake() - 1e-9);
      double margin = settings.get(BallastSettings.SCALE_DOWN_MARGIN);
      double stabilization = seconds(settings.get(BallastSettings.SCALE_DOWN_STABILIZATION));
      int awake =
          awakeGuards
              .computeIfAbsent(svc.id(), k -> new ScaleDownGuard(stabilization))
              .apply(now, plan.awake(), (int) Math.round(awakeLike), plan.demandRate(), plan.perReplicaRate(), margin, plan.holdSeconds());
      awake = Math.max(awake, plan.awake() == 0 && svc.minReplicas() == 0 ? 0 : svc.minReplicas());
      if (plan.awake() == 0 && svc.minReplicas() == 0 && obs.idleSeconds() > 0) {
        awake = 0; // the keep-alive decided: the service is idle
      }
      int sleeping = count(pods, PodPhase.SLEEPING);
      int warm = warmGuards.computeIfAbsent(svc.id(), k -> new ScaleDownGuard(stabilization)).apply(now, plan.warm(), sleeping, 0, 1, 0);
      warm = Math.max(0, Math.min(warm, svc.maxReplicas() - awake));
      String why = plan.reason() + (choice.options().size() > 1 ? "; " + choice.reason() : "");
      lastReasons.put(svc.id(), why);
      Set<String> retiring = Set.of();
      if (consolidation != null && awake > 0) { // a service going to zero needs no move
        int moving = consolidation.extra(svc.id());
        retiring = consolidation.retiring(svc.id());
        if (moving > 0 || !retiring.isEmpty()) {
          awake = Math.min(svc.maxReplicas(), awake + moving);
          why = why + "; " + consolidation.reason();
        }
      }
      actions.addAll(ReplicaReconciler.reconcile(svc, pods, awake, warm, choice, retiring, why));
      stoppedGpus.merge(pool.id(), plan.stoppedNeed() * profile.gpusPerReplica(), Integer::sum);
      prefetch.putIfAbsent(pool.id(), svc.modelId());
    }
    Map<String, Integer> stoppedTarget = stoppedNodes(stoppedGpus, cluster);
    Map<String, Integer> insuredTarget = new LinkedHashMap<>();
    if (stoppedFloor > 0) { // the pools a service adds capacity on keep the floor stopped, its model cached
      prefetch.keySet().forEach(pool -> {
        insuredTarget.put(pool, stoppedFloor);
        stoppedTarget.merge(pool, stoppedFloor, Math::max);
      });
    }
    Map<String, Integer> starting = startingGpus(actions, cluster, catalog);
    actions.addAll(nodePlanner.plan(cluster, starting, stoppedTarget, prefetch, now, seconds(settings.get(BallastSettings.NODE_IDLE_GRACE)), allFresh));
    if (allFresh) {
      actions.addAll(NodePlanner.insure(cluster, starting, insuredTarget));
    }
    return new Plan(actions, summary.isEmpty() ? name + ": " + actions.size() + " actions" : summary.toString());
  }

  /**
   * Stopped nodes per pool for the GPUs its services want stopped, rounded up once per pool: many
   * small services share a node of several GPUs rather than each asking for one.
   */
  static Map<String, Integer> stoppedNodes(Map<String, Integer> stoppedGpus, ClusterView cluster) {
    Map<String, Integer> nodes = new LinkedHashMap<>();
    for (NodePool p : cluster.nodePools()) {
      Integer gpus = stoppedGpus.get(p.id());
      if (gpus != null) {
        int perNode = Math.max(1, cluster.catalog().nodeType(p.nodeTypeId()).gpuCount());
        nodes.put(p.id(), (gpus + perNode - 1) / perNode);
      }
    }
    return nodes;
  }

  /** The node being emptied now, if any. */
  java.util.Optional<String> emptying() {
    return consolidation == null ? java.util.Optional.empty() : consolidation.emptying();
  }

  /** The sizing behind the last decision for a service, with its numbers, even when it changed nothing. */
  public String explain(String serviceId) {
    return lastReasons.getOrDefault(serviceId, "no decision yet");
  }

  /** GPUs, per type, that the replicas this decision adds will ask for. */
  private static Map<String, Integer> startingGpus(List<Action> actions, ClusterView cluster, Catalog catalog) {
    Map<String, Integer> gpus = new HashMap<>();
    for (Action a : actions) {
      if (a instanceof Action.ScaleReplicas s && s.gpuTypeId() != null) {
        long live = cluster.pods(s.serviceId()).stream().filter(p -> p.phase() != PodPhase.TERMINATING).count();
        ServiceSpec svc = cluster.services().stream().filter(x -> x.id().equals(s.serviceId())).findFirst().orElseThrow();
        int perReplica = catalog.model(svc.modelId()).profileOn(s.gpuTypeId()).map(ServingProfile::gpusPerReplica).orElse(1);
        gpus.merge(s.gpuTypeId(), (int) Math.max(0, s.replicas() - live) * perReplica, Integer::sum);
      }
    }
    gpus.values().removeIf(v -> v <= 0);
    return gpus;
  }

  private static ServiceSpec withShare(ServiceSpec s, double share) {
    return new ServiceSpec(
        s.id(), s.modelId(), new dev.ballast.core.service.Slo(s.slo().ttftTarget(), share), s.minReplicas(), s.maxReplicas(), s.allowedGpuTypes());
  }

  private static int count(List<PodView> pods, PodPhase... phases) {
    int n = 0;
    for (PodView p : pods) {
      for (PodPhase ph : phases) {
        if (p.phase() == ph) {
          n++;
          break;
        }
      }
    }
    return n;
  }

  /**
   * The pools added capacity can still come from: below their maximum, or with a GPU free on a node
   * that serves, rests or is coming up. A type whose pools are all full is not chosen while another
   * has room; with none anywhere, every pool stays a candidate (the replicas wait either way).
   */
  static List<NodePool> poolsWithRoom(ClusterView cluster) {
    Map<String, Long> size = new HashMap<>();
    Set<String> free = new java.util.HashSet<>();
    for (NodeView n : cluster.nodes()) {
      if (n.state() != NodeState.GONE && n.state() != NodeState.DRAINING) {
        size.merge(n.poolId(), 1L, Long::sum);
        if (n.gpusFree() > 0) {
          free.add(n.poolId());
        }
      }
    }
    List<NodePool> open = cluster.nodePools().stream().filter(p -> size.getOrDefault(p.id(), 0L) < p.maxNodes() || free.contains(p.id())).toList();
    return open.isEmpty() ? cluster.nodePools() : open;
  }

  /**
   * GPUs on the pool's resting nodes (stopped, or ready and empty). Added capacity comes from them
   * only while they last; Ballast counts on their lead time when they could double the service.
   */
  private static int restingGpus(ClusterView cluster, NodePool pool) {
    int gpus = 0;
    for (NodeView n : cluster.nodes()) {
      if (n.poolId().equals(pool.id()) && (n.state() == NodeState.STOPPED || (n.state() == NodeState.READY && n.podCount() == 0))) {
        gpus += n.gpuCount();
      }
    }
    return gpus;
  }

  private ServiceState newState(ServiceSpec svc) {
    double burstBudget = settings.get(BallastSettings.BURST_BUDGET) * (1 - svc.slo().targetShare());
    return new ServiceState(
        AdaptiveForecaster.perMinuteDefault(12),
        new BurstProfile(seconds(settings.get(BallastSettings.BURST_WINDOW)), svc.slo().ttftTargetSeconds(), burstBudget),
        new SloFeedback(1.0, 3.0, 0.05, 0.03),
        new KeepAlive(240, settings.get(BallastSettings.KEEP_ALIVE_MIN_SAMPLES), seconds(settings.get(BallastSettings.KEEP_ALIVE_FALLBACK))),
        seconds(settings.get(BallastSettings.LEVEL_TIME_CONSTANT)),
        180,
        3 * detectionSeconds);
  }

  /** How the keep-alive prices a cold start, from the three settings that choose it. */
  private static ReplicaPlanner.ColdStartPrice keepAlivePricing(Settings settings) {
    if (!settings.get(BallastSettings.KEEP_ALIVE_BY_COST)) {
      return null;
    }
    return new ReplicaPlanner.ColdStartPrice(settings.get(BallastSettings.COLD_START_PRICED_BY_SLO), seconds(settings.get(BallastSettings.COLD_START_WORTH)));
  }

  private static double seconds(Duration d) {
    return d.toNanos() / 1e9;
  }
}
