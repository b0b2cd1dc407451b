package dev.ballast.sim.run;

import dev.ballast.core.config.Settings;
import dev.ballast.core.service.ServiceSpec;
import dev.ballast.core.spi.Action;
import dev.ballast.core.spi.Actions;
import dev.ballast.core.spi.Plan;
import dev.ballast.core.spi.Policy;
import dev.ballast.core.spi.PolicyInput;
import dev.ballast.sim.bound.WorkConservingBound;
import dev.ballast.sim.cluster.ClusterHost;
import dev.ballast.sim.cluster.PodPlacement;
import dev.ballast.sim.cluster.SimCluster;
import dev.ballast.sim.cluster.SimPod;
import dev.ballast.sim.engine.EventKind;
import dev.ballast.sim.engine.EventQueue;
import dev.ballast.sim.engine.VirtualClock;
import dev.ballast.sim.metrics.SampleHistory;
import dev.ballast.sim.scenario.Scenario;
import dev.ballast.sim.scenario.TwinSettings;
import dev.ballast.sim.serving.FailureReason;
import dev.ballast.sim.serving.Replica;
import dev.ballast.sim.serving.RequestTable;
import dev.ballast.sim.serving.ServiceFrontend;
import dev.ballast.sim.serving.ServiceStats;
import dev.ballast.sim.serving.ServingListener;
import dev.ballast.sim.trace.RequestStream;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * The twin: replays one scenario's trace against one contender in virtual time. Arrivals come
 * straight from the trace cursor; everything else (replica completions, pod and node transitions,
 * policy ticks, scrapes, timeline rows) is an event in one queue ordered by (time, sequence), and
 * every random draw comes from one seeded generator. Same inputs and seed, same result.
 */
public final class Twin implements ServingListener, ClusterHost {
  private final Scenario scenario;
  private final Contender contender;
  private final long seed;
  private final boolean keepTimeline;
  private final EventQueue queue = new EventQueue();
  private final VirtualClock clock;
  private final RandomGenerator random;
  private final RequestTable requests = new RequestTable();
  private final List<ServiceSpec> services;
  private final ServiceStats[] stats;
  private final ServiceFrontend[] frontends;
  private final int[] contextWindow;
  private final SimCluster cluster;
  private final WorkConservingBound bound;
  private final List<Replica> replicas = new ArrayList<>();
  private final List<SimPod> podOfReplica = new ArrayList<>();
  private final List<Policy> policies;
  private final SampleHistory metrics;
  private final Scraper scraper;
  private final TimelineRecorder timeline;
  private final TwinActions actions;
  private final double timeoutSeconds;
  private final int replicaQueueLimit;
  private final double scrapeSeconds;
  private final double warmup;
  private double servedBoundUsd;
  private double servedGpuSeconds;
  private double costAtWarmup;
  private double gpuSecondsAtWarmup;
  private double[] heldUsdAtWarmup;
  private long podStartsAtWarmup;
  private long decisions;
  private volatile double progress;

  public Twin(Scenario scenario, Contender contender, long seed, boolean keepTimeline) {
    this.scenario = scenario;
    this.contender = contender;
    this.seed = seed;
    this.keepTimeline = keepTimeline;
    Settings settings = scenario.settings();
    this.clock = new VirtualClock(scenario.trace().origin());
    this.random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + 1);
    this.services = scenario.services();
    this.timeoutSeconds = seconds(settings.get(TwinSettings.REQUEST_TIMEOUT));
    this.replicaQueueLimit = settings.get(TwinSettings.REPLICA_QUEUE_LIMIT);
    int n = services.size();
    stats = new ServiceStats[n];
    frontends = new ServiceFrontend[n];
    contextWindow = new int[n];
    for (int s = 0; s < n; s++) {
      stats[s] = new ServiceStats(services.get(s).slo().ttftTargetSeconds());
      frontends[s] =
          new ServiceFrontend(
              s,
              stats[s],
              contender.holdsRequestsAtZero(),
              settings.get(TwinSettings.GATEWAY_HOLD_LIMIT),
              timeoutSeconds,
              requests);
      contextWindow[s] = scenario.catalog().model(services.get(s).modelId()).contextWindowTokens();
    }
    this.cluster =
        new SimCluster(
            scenario.catalog(), services, scenario.pools(), this, contender.placement(), seconds(settings.get(TwinSettings.GRACE_PERIOD)));
    this.bound = WorkConservingBound.of(scenario);
    this.scrapeSeconds = seconds(contender.scrapeInterval().orElse(settings.get(TwinSettings.SCRAPE_INTERVAL)));
    this.metrics =
        new SampleHistory(
            seconds(settings.get(TwinSettings.METRICS_RETENTION)),
            seconds(contender.metricsDelay().orElse(settings.get(TwinSettings.METRICS_DELAY))));
    this.scraper = new Scraper(services, frontends, stats, cluster, metrics, clock);
    this.timeline = new TimelineRecorder(scenario, frontends, stats, cluster, keepTimeline);
    this.actions = new TwinActions(scenario, cluster, clock);
    this.policies = contender.createPolicies(scenario);
    this.warmup = TwinSettings.warmupSeconds(settings, scenario.trace().endSeconds());
  }

  /** Replays the whole trace and returns what happened. */
  public RunResult run() {
    long wallStart = System.nanoTime();
    InitialState.apply(scenario, contender, cluster, requestsForSizing());
    double end = scenario.trace().endSeconds() + seconds(scenario.settings().get(TwinSettings.SETTLE));
    for (int p = 0; p < policies.size(); p++) {
      queue.push(seconds(policies.get(p).tickInterval()), EventKind.POLICY_TICK.with(p));
    }
    queue.push(scrapeSeconds, EventKind.SCRAPE.with(0)); // the first scrape sees the first interval's traffic
    double step = seconds(scenario.settings().get(TwinSettings.TIMELINE_STEP));
    queue.push(step, EventKind.TIMELINE.with(0));
    queue.push(warmup, EventKind.WARMUP_END.with(0));

    RequestStream stream = scenario.trace().open(seed);
    boolean more = stream.next();
    long steps = 0;
    while (true) {
      if ((++steps & 0xFFFF) == 0) {
        progress = clock.seconds() / end;
      }
      double tArrival = more ? stream.time() : Double.POSITIVE_INFINITY;
      double tEvent = queue.peekTime();
      if (Math.min(tArrival, tEvent) > end) {
        break;
      }
      if (tArrival <= tEvent) {
        clock.advanceTo(tArrival);
        arrive(stream.service(), stream.inputTokens(), stream.outputTokens(), tArrival);
        more = stream.next();
      } else {
        long seq = queue.peekSeq();
        long payload = queue.peekPayload();
        queue.pop();
        clock.advanceTo(tEvent);
        dispatch(payload, seq, tEvent, step);
      }
    }
    clock.advanceTo(Math.max(clock.seconds(), end));
    finish(end);
    progress = 1;
    return collect(end, (System.nanoTime() - wallStart) / 1_000_000);
  }

  /** How far the replay has got, 0..1, for progress display from another thread. */
  public double progress() {
    return progress;
  }

  private List<RequestSample> requestsForSizing() {
    List<RequestSample> first = new ArrayList<>();
    RequestStream s = scenario.trace().open(seed);
    while (s.next() && s.time() < InitialState.SIZING_WINDOW_SECONDS) {
      first.add(new RequestSample(s.service(), s.inputTokens(), s.outputTokens()));
    }
    return first;
  }

  private void arrive(int service, int input, int output, double now) {
    int slot = requests.open(now, input, output, service);
    stats[service].arrived(input, output, now, now >= warmup);
    if ((long) input + output > contextWindow[service]) {
      failed(slot, FailureReason.TOO_LONG, now);
      return;
    }
    if (!frontends[service].hasReadyReplica()) {
      stats[service].coldHit(now >= warmup);
    }
    frontends[service].route(slot, now, this);
  }

  private void dispatch(long payload, long seq, double now, double step) {
    int target = EventKind.target(payload);
    switch (EventKind.of(payload)) {
      case REPLICA_WAKE -> replicas.get(target).wake(seq, now);
      case POD_READY -> cluster.podReady(target, seq, now);
      case POD_GRACE_END -> cluster.podGraceEnd(target, seq, now);
      case NODE_READY -> cluster.nodeReady(target, seq, now);
      case NODE_PREFETCHED -> cluster.nodePrefetched(target, seq, now);
      case POLICY_TICK -> tick(target, now);
      case SCRAPE -> {
        scraper.scrape(now);
        queue.push(now + scrapeSeconds, EventKind.SCRAPE.with(0));
      }
      case TIMELINE -> {
        timeline.record(now, now > warmup);
        queue.push(now + step, EventKind.TIMELINE.with(0));
      }
      case WARMUP_END -> {
        costAtWarmup = cluster.costUsd(now);
        gpuSecondsAtWarmup = cluster.gpuSecondsPaid(now);
        heldUsdAtWarmup = cluster.heldUsdByService(now);
        podStartsAtWarmup = cluster.podStarts();
      }
    }
  }

  private void tick(int index, double now) {
    Policy policy = policies.get(index);
    metrics.advance(clock.instant());
    Plan plan = policy.decide(new PolicyInput(clock.instant(), new TwinSnapshot(cluster, clock), metrics));
    for (Action action : plan.actions()) {
      Actions.Outcome outcome = actions.apply(action);
      decisions++;
      timeline.decision(policy.name(), action, outcome);
    }
    queue.push(now + seconds(policy.tickInterval()), EventKind.POLICY_TICK.with(index));
  }

  private void finish(double end) {
    for (ServiceFrontend f : frontends) {
      f.failHeld(end, this);
    }
    for (Replica r : replicas) {
      if (!r.gone()) {
        r.evict(end, FailureReason.UNFINISHED);
      }
    }
  }

  private RunResult collect(double end, long wallMs) {
    double[] held = cluster.heldUsdByService(end);
    for (int s = 0; heldUsdAtWarmup != null && s < held.length; s++) {
      held[s] -= heldUsdAtWarmup[s];
    }
    return ResultCollector.collect(
        contender.name(),
        services,
        stats,
        held,
        cluster.costUsd(end) - costAtWarmup,
        (cluster.gpuSecondsPaid(end) - gpuSecondsAtWarmup) / 3600.0,
        cluster.podStarts() - podStartsAtWarmup,
        timeline,
        servedBoundUsd,
        servedGpuSeconds / 3600.0,
        decisions,
        wallMs,
        keepTimeline);
  }

  // ---- ServingListener ----

  @Override
  public void firstToken(int slot, double now) {
    stats[requests.service(slot)].firstToken(now - requests.arrival(slot), requests.arrival(slot) >= warmup);
  }

  @Override
  public void completed(int slot, double now) {
    int s = requests.service(slot);
    boolean measured = requests.arrival(slot) >= warmup;
    stats[s].completed(now - requests.arrival(slot), now, measured);
    if (measured) {
      servedBoundUsd += bound.requestUsd(s, requests.input(slot), requests.output(slot));
      servedGpuSeconds += bound.requestGpuSeconds(s, requests.input(slot), requests.output(slot));
    }
    requests.close(slot);
  }

  @Override
  public void failed(int slot, FailureReason reason, double now) {
    stats[requests.service(slot)].failed(reason, now, requests.arrival(slot) >= warmup);
    requests.close(slot);
  }

  @Override
  public void drained(Replica replica, double now) {
    SimPod pod = podOfReplica.get(replica.index());
    if (pod.phase() == dev.ballast.core.spi.PodPhase.TERMINATING) {
      cluster.podDrained(pod, now); // a sleeping pod's replica drains too, but the pod stays
    }
  }

  @Override
  public long scheduleWake(Replica replica, double time) {
    return queue.push(time, EventKind.REPLICA_WAKE.with(replica.index()));
  }

  // ---- ClusterHost ----

  @Override
  public long schedule(double time, long payload) {
    return queue.push(time, payload);
  }

  @Override
  public RandomGenerator random() {
    return random;
  }

  @Override
  public void podReady(SimPod pod, double now) {
    var profile = scenario.catalog().model(cluster.modelOf(pod)).profileOn(pod.gpuTypeId()).orElseThrow();
    Replica replica = new Replica(replicas.size(), pod.service(), profile, requests, this, replicaQueueLimit, timeoutSeconds, now);
    replicas.add(replica);
    podOfReplica.add(pod);
    pod.attach(replica);
    frontends[pod.service()].addReady(replica, now, this);
  }

  @Override
  public void podTerminating(SimPod pod, double now) {
    frontends[pod.service()].removeReady(pod.replica());
    pod.replica().drain(now);
  }

  @Override
  public void podSleeping(SimPod pod, double now) {
    frontends[pod.service()].removeReady(pod.replica());
    pod.replica().drain(now);
  }

  @Override
  public void podGraceOver(SimPod pod, double now) {
    pod.replica().evict(now, FailureReason.EVICTED);
  }

  private static double seconds(java.time.Duration d) {
    return d.toNanos() / 1e9;
  }

  /** A request of the first minute, for sizing the initial state. */
  record RequestSample(int service, int input, int output) {}
}
