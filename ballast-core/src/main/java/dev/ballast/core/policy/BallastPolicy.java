package dev.ballast.core.policy;

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
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
  private final NodePlanner nodePlanner = new NodePlanner();
  private final String name;

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
            0.005);
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
    double now = seconds(in.now());
    ClusterView cluster = in.cluster();
    Catalog catalog = cluster.catalog();
    List<Action> actions = new ArrayList<>();
    Map<String, Integer> stoppedTarget = new LinkedHashMap<>();
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
    for (ServiceSpec declared : cluster.services()) {
      ServiceSpec svc = shareOverride > 0 ? withShare(declared, shareOverride) : declared;
      NodePool pool = poolFor(svc, cluster);
      if (pool == null) {
        summary.append(svc.id()).append(": no node pool offers a GPU type it runs on; ");
        continue;
      }
      NodeType nodeType = catalog.nodeType(pool.nodeTypeId());
      Model model = catalog.model(svc.modelId());
      ServingProfile profile = model.profileOn(nodeType.gpu().id()).orElseThrow();
      ServiceState state = states.computeIfAbsent(svc.id(), k -> newState(svc));
      DemandObservation obs = state.ingest(in.metrics().samples(svc.id()), now, svc.slo().targetShare());
      if (obs == null || !obs.fresh()) {
        allFresh = false;
        summary.append(svc.id()).append(": hold, metrics ").append(obs == null ? "missing" : "stale").append("; ");
        continue;
      }
      List<PodView> pods = podsByService.getOrDefault(svc.id(), List.of());
      LeadTimes leads = LeadTimes.of(catalog, model, nodeType, detectionSeconds);
      ReplicaPlan plan = ReplicaPlanner.plan(svc, profile, state, obs, leads, hasRestingNodes(cluster, pool), knobs);
      state.rememberPeak(plan.awake(), peakDecay);
      int awakeLike = count(pods, PodPhase.READY, PodPhase.WAKING, PodPhase.STARTING, PodPhase.PENDING);
      state.updateFeedback(now, svc.slo().targetShare(), count(pods, PodPhase.READY) >= plan.awake());
      double margin = settings.get(BallastSettings.SCALE_DOWN_MARGIN);
      double stabilization = seconds(settings.get(BallastSettings.SCALE_DOWN_STABILIZATION));
      int awake =
          awakeGuards
              .computeIfAbsent(svc.id(), k -> new ScaleDownGuard(stabilization))
              .apply(now, plan.awake(), awakeLike, plan.demandRate(), plan.perReplicaRate(), margin, plan.holdSeconds());
      awake = Math.max(awake, plan.awake() == 0 && svc.minReplicas() == 0 ? 0 : svc.minReplicas());
      if (plan.awake() == 0 && svc.minReplicas() == 0 && obs.idleSeconds() > 0) {
        awake = 0; // the keep-alive decided: the service is idle
      }
      int sleeping = count(pods, PodPhase.SLEEPING);
      int warm = warmGuards.computeIfAbsent(svc.id(), k -> new ScaleDownGuard(stabilization)).apply(now, plan.warm(), sleeping, 0, 1, 0);
      warm = Math.max(0, Math.min(warm, svc.maxReplicas() - awake));
      actions.addAll(reconcile(svc, pods, awake, warm, plan));
      int gpusPerNode = nodeType.gpuCount();
      int stoppedNodes = (int) Math.ceil((double) plan.stoppedNeed() * profile.gpusPerReplica() / gpusPerNode);
      stoppedTarget.merge(pool.id(), stoppedNodes, Integer::sum);
      prefetch.putIfAbsent(pool.id(), svc.modelId());
    }
    actions.addAll(
        nodePlanner.plan(cluster, stoppedTarget, prefetch, now, seconds(settings.get(BallastSettings.NODE_IDLE_GRACE)), allFresh));
    return new Plan(actions, summary.isEmpty() ? name + ": " + actions.size() + " actions" : summary.toString());
  }

  /** Brings a service's pods to {@code awake} serving and {@code warm} asleep. */
  private static List<Action> reconcile(ServiceSpec svc, List<PodView> pods, int awake, int warm, ReplicaPlan plan) {
    List<Action> actions = new ArrayList<>();
    List<PodView> live = pods.stream().filter(p -> p.phase() != PodPhase.TERMINATING).toList();
    int total = live.size();
    int target = awake + warm;
    String numbers = plan.reason();
    List<PodView> removable = new ArrayList<>(live);
    removable.sort(REMOVAL_ORDER);
    int sleeping = count(live, PodPhase.SLEEPING);
    int ready = count(live, PodPhase.READY);
    if (total < target) {
      actions.add(
          new Action.ScaleReplicas(
              svc.id(), target, String.format("ballast %s %d -> %d replicas (awake %d, warm %d): %s", svc.id(), total, target, awake, warm, numbers)));
    } else if (total > target) {
      int extra = total - target;
      for (PodView p : removable) {
        if (extra == 0) {
          break;
        }
        boolean excessSleeper = p.phase() == PodPhase.SLEEPING && sleeping > warm;
        boolean notServing = p.phase() == PodPhase.PENDING || p.phase() == PodPhase.STARTING || p.phase() == PodPhase.WAKING;
        boolean excessReady = p.phase() == PodPhase.READY && ready > awake;
        if (notServing || excessSleeper || excessReady) {
          actions.add(
              new Action.RemoveReplica(
                  p.id(), String.format("ballast %s %d -> %d replicas (awake %d, warm %d): remove %s (%s); %s", svc.id(), total, target, awake, warm, p.id(), p.phase().name().toLowerCase(), numbers)));
          if (p.phase() == PodPhase.SLEEPING) {
            sleeping--;
          }
          if (p.phase() == PodPhase.READY) {
            ready--;
          }
          extra--;
        }
      }
    }
    int awakeLike = count(live, PodPhase.READY, PodPhase.WAKING, PodPhase.STARTING, PodPhase.PENDING);
    if (awakeLike < awake && sleeping > 0) {
      int wake = Math.min(awake - awakeLike, sleeping);
      for (PodView p : live) {
        if (wake == 0) {
          break;
        }
        if (p.phase() == PodPhase.SLEEPING) {
          actions.add(new Action.WakeReplica(p.id(), String.format("ballast %s: wake %s, awake %d < %d: %s", svc.id(), p.id(), awakeLike, awake, numbers)));
          wake--;
          sleeping--;
        }
      }
    } else if (ready > awake && sleeping < warm) {
      int sleep = Math.min(ready - awake, warm - sleeping);
      List<PodView> newestReady = live.stream().filter(p -> p.phase() == PodPhase.READY).sorted(Comparator.comparing(PodView::phaseSince).reversed()).toList();
      for (PodView p : newestReady) {
        if (sleep == 0) {
          break;
        }
        actions.add(new Action.SleepReplica(p.id(), String.format("ballast %s: sleep %s into the warm tier (%d < %d warm)", svc.id(), p.id(), sleeping, warm)));
        sleep--;
        sleeping++;
      }
    }
    return actions;
  }

  /** Pods to remove first: not yet serving, then asleep, then the most recently ready. */
  private static final Comparator<PodView> REMOVAL_ORDER =
      Comparator.comparingInt(
              (PodView p) ->
                  switch (p.phase()) {
                    case PENDING -> 0;
                    case STARTING -> 1;
                    case WAKING -> 2;
                    case SLEEPING -> 3;
                    default -> 4;
                  })
          .thenComparing(Comparator.comparing(PodView::phaseSince).reversed())
          .thenComparing(PodView::id);

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

  /** The cheapest pool (per GPU-hour) offering a GPU type the service may use and its model fits. */
  static NodePool poolFor(ServiceSpec svc, ClusterView cluster) {
    Catalog catalog = cluster.catalog();
    Model model = catalog.model(svc.modelId());
    NodePool best = null;
    double bestPrice = Double.POSITIVE_INFINITY;
    for (NodePool p : cluster.nodePools()) {
      NodeType t = catalog.nodeType(p.nodeTypeId());
      if (t.gpu() == null || !svc.allowsGpu(t.gpu().id()) || model.profileOn(t.gpu().id()).isEmpty()) {
        continue;
      }
      if (t.usdPerGpuSecond() < bestPrice) {
        best = p;
        bestPrice = t.usdPerGpuSecond();
      }
    }
    return best;
  }

  private static boolean hasRestingNodes(ClusterView cluster, NodePool pool) {
    for (NodeView n : cluster.nodes()) {
      if (n.poolId().equals(pool.id()) && (n.state() == NodeState.STOPPED || (n.state() == NodeState.READY && n.podCount() == 0))) {
        return true;
      }
    }
    return false;
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

  private static double seconds(Duration d) {
    return d.toNanos() / 1e9;
  }

  private static double seconds(java.time.Instant t) {
    return t.getEpochSecond() + t.getNano() / 1e9;
  }
}
