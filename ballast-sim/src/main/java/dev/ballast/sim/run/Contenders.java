package dev.ballast.sim.run;

import dev.ballast.core.config.Setting;
import dev.ballast.core.config.Settings;
import dev.ballast.core.service.ServiceSpec;
import dev.ballast.core.spi.Policy;
import dev.ballast.sim.baseline.ca.ClusterAutoscalerPolicy;
import dev.ballast.sim.baseline.ca.ClusterAutoscalerSettings;
import dev.ballast.sim.baseline.clairvoyant.ClairvoyantPolicy;
import dev.ballast.sim.baseline.clairvoyant.ClairvoyantSettings;
import dev.ballast.sim.baseline.fixed.FixedCapacityPolicy;
import dev.ballast.sim.baseline.fixed.PeakDemand;
import dev.ballast.sim.baseline.fixed.StaticPeakSettings;
import dev.ballast.sim.baseline.hpa.HpaPolicy;
import dev.ballast.sim.baseline.hpa.HpaSettings;
import dev.ballast.sim.baseline.karpenter.KarpenterPolicy;
import dev.ballast.sim.baseline.karpenter.KarpenterSettings;
import dev.ballast.sim.baseline.keda.KedaPolicy;
import dev.ballast.sim.baseline.keda.KedaSettings;
import dev.ballast.sim.baseline.kpa.DeciderSpec;
import dev.ballast.sim.baseline.kpa.KpaPolicy;
import dev.ballast.sim.baseline.kpa.KpaSettings;
import dev.ballast.sim.baseline.kpa.ScaleToZeroGate;
import dev.ballast.sim.cluster.PodPlacement;
import dev.ballast.sim.scenario.Scenario;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;

/**
 * The contenders {@code --policies} names: a workload autoscaler paired with a node autoscaler, or
 * static provisioning. {@code name@value} sets the contender's main knob for that entry only.
 */
public final class Contenders {
  private Contenders() {}

  /** The baselines a default run compares. */
  public static final List<String> BASELINES =
      List.of("static-peak", "hpa+ca", "hpa+karpenter", "keda+ca", "kpa+ca", "kpa+karpenter");

  /** References that read the trace ahead (no autoscaler can): what knowing the future would buy. */
  public static final List<String> REFERENCES = List.of("clairvoyant+karpenter");

  /**
   * What a default run compares: Ballast and every baseline. The clairvoyant reference is asked for
   * by name (or in a sweep): one setting of its knob says little about what foresight buys.
   */
  public static final List<String> DEFAULT = java.util.stream.Stream.concat(java.util.stream.Stream.of("ballast"), BASELINES.stream()).toList();

  private record Named(
      String name,
      Function<Scenario, List<Policy>> policies,
      boolean holds,
      Optional<Duration> scrape,
      Optional<Duration> delay,
      Function<Scenario, int[]> fixedReplicas,
      boolean scalesFromZero,
      PodPlacement placement)
      implements Contender {
    /** A contender whose pods kube-scheduler places with its defaults. */
    Named(
        String name,
        Function<Scenario, List<Policy>> policies,
        boolean holds,
        Optional<Duration> scrape,
        Optional<Duration> delay,
        Function<Scenario, int[]> fixedReplicas,
        boolean scalesFromZero) {
      this(name, policies, holds, scrape, delay, fixedReplicas, scalesFromZero, PodPlacement.KUBE_DEFAULT);
    }

    @Override
    public Optional<Duration> metricsDelay() {
      return delay;
    }

    @Override
    public List<Policy> createPolicies(Scenario scenario) {
      return policies.apply(scenario);
    }

    @Override
    public boolean holdsRequestsAtZero() {
      return holds;
    }

    @Override
    public Optional<Duration> scrapeInterval() {
      return scrape;
    }

    @Override
    public boolean scalesFromZero() {
      return scalesFromZero;
    }

    @Override
    public OptionalInt initialReplicas(Scenario scenario, int service) {
      return fixedReplicas == null ? OptionalInt.empty() : OptionalInt.of(fixedReplicas.apply(scenario)[service]);
    }
  }

  /** The main knob each workload autoscaler exposes to {@code name@value}. */
  static Setting<Double> knobOf(String workload) {
    return switch (workload) {
      case "hpa", "keda" -> HpaSettings.TARGET_PERCENT;
      case "kpa" -> KpaSettings.TARGET_CONCURRENCY;
      case "static-peak" -> StaticPeakSettings.UTILIZATION_PERCENT;
      case "clairvoyant" -> ClairvoyantSettings.UTILIZATION_PERCENT;
      case "ballast", "ballast-forecast", "ballast-warm", "ballast-no-stopped", "ballast-cost", "ballast-slo-first" -> dev.ballast.core.policy.BallastSettings.TARGET_SHARE;
      default -> throw new IllegalArgumentException("no knob for " + workload);
    };
  }

  /**
   * Parses one contender name such as {@code hpa+ca}, {@code kpa+karpenter@150} or {@code
   * static-peak@80}.
   *
   * @throws IllegalArgumentException naming the known contenders
   */
  public static Contender parse(String spec, Settings base, long seed) {
    String trimmed = spec.trim();
    int at = trimmed.indexOf('@');
    String name = at < 0 ? trimmed : trimmed.substring(0, at);
    String[] parts = name.split("\\+");
    String workload = parts[0];
    Settings settings = base;
    if (at >= 0) {
      settings = base.with(Map.of(knobOf(workload).key(), trimmed.substring(at + 1)));
    }
    Settings s = settings;
    if (workload.equals("static-peak") && parts.length == 1) {
      double util = s.get(StaticPeakSettings.UTILIZATION_PERCENT) / 100;
      double window = s.get(StaticPeakSettings.PEAK_WINDOW).toNanos() / 1e9;
      Map<Scenario, int[]> memo = new java.util.IdentityHashMap<>();
      Function<Scenario, int[]> peak = sc -> memo.computeIfAbsent(sc, k -> PeakDemand.replicas(k, seed, window, util));
      return new Named(
          trimmed,
          sc -> List.of(new FixedCapacityPolicy("static-peak: " + java.util.Arrays.toString(peak.apply(sc)) + " replicas for the peak")),
          false,
          Optional.empty(),
          Optional.empty(),
          peak,
          true);
    }
    if (workload.startsWith("ballast") && parts.length == 1) {
      return ballast(trimmed, workload, s);
    }
    if (parts.length != 2) {
      throw unknown(spec);
    }
    Function<Scenario, Policy> nodes =
        switch (parts[1]) {
          case "ca" ->
              sc ->
                  new ClusterAutoscalerPolicy(
                      s.get(ClusterAutoscalerSettings.SCAN_INTERVAL),
                      s.get(ClusterAutoscalerSettings.UNNEEDED_TIME),
                      s.get(ClusterAutoscalerSettings.DELAY_AFTER_ADD),
                      s.get(ClusterAutoscalerSettings.UTILIZATION_THRESHOLD));
          case "karpenter" ->
              sc ->
                  new KarpenterPolicy(
                      s.get(KarpenterSettings.BATCH_IDLE),
                      s.get(KarpenterSettings.BATCH_MAX),
                      s.get(KarpenterSettings.CONSOLIDATE_AFTER),
                      s.get(KarpenterSettings.BUDGET_PERCENT));
          default -> throw unknown(spec);
        };
    return switch (workload) {
      case "hpa" ->
          new Named(
              trimmed,
              sc -> List.of(new HpaPolicy(targets(sc, s), s.get(HpaSettings.SYNC_PERIOD), s.get(HpaSettings.TOLERANCE)), nodes.apply(sc)),
              false,
              Optional.empty(),
              Optional.empty(),
              null,
              false);
      case "keda" ->
          new Named(
              trimmed,
              sc ->
                  List.of(
                      new KedaPolicy(
                          targets(sc, s),
                          s.get(HpaSettings.SYNC_PERIOD),
                          s.get(HpaSettings.TOLERANCE),
                          s.get(KedaSettings.POLLING_INTERVAL),
                          s.get(KedaSettings.COOLDOWN_PERIOD),
                          s.get(KedaSettings.ACTIVATION_THRESHOLD)),
                      nodes.apply(sc)),
              true,
              Optional.empty(),
              Optional.empty(),
              null,
              true);
      // Knative's autoscaler scrapes every queue-proxy itself each second: no Prometheus delay in between
      case "kpa" ->
          new Named(
              trimmed, sc -> List.of(kpa(s), nodes.apply(sc)), true, Optional.of(Duration.ofSeconds(1)), Optional.of(Duration.ZERO), null, true);
      case "clairvoyant" -> clairvoyant(trimmed, s, seed, nodes);
      default -> throw unknown(spec);
    };
  }

  public static List<Contender> parseAll(List<String> specs, Settings base, long seed) {
    List<Contender> list = new ArrayList<>();
    for (String spec : specs) {
      list.add(parse(spec, base, seed));
    }
    return list;
  }

  /** Ballast, or one of its ablations; it is its own node autoscaler and holds requests at zero. */
  private static Contender ballast(String name, String variant, Settings base) {
    Settings s =
        switch (variant) {
          case "ballast" -> base;
          case "ballast-forecast" -> base.with(Map.of(dev.ballast.core.policy.BallastSettings.FORECAST.key(), true));
          // the warm tier is sized over the forecast's distribution, so it needs the forecast on
          case "ballast-warm" -> base.with(Map.of(dev.ballast.core.policy.BallastSettings.WARM_TIER.key(), true, dev.ballast.core.policy.BallastSettings.FORECAST.key(), true));
          case "ballast-no-stopped" -> base.with(Map.of(dev.ballast.core.policy.BallastSettings.STOPPED_TIER.key(), false));
          // keep-alive: cold starts priced at GPU time and ballast.coldStartWorth only, or the hybrid histogram's percentiles
          case "ballast-cost" -> base.with(Map.of(dev.ballast.core.policy.BallastSettings.COLD_START_PRICED_BY_SLO.key(), false));
          case "ballast-slo-first" -> base.with(Map.of(dev.ballast.core.policy.BallastSettings.KEEP_ALIVE_BY_COST.key(), false));
          default -> throw unknown(name);
        };
    double detection =
        (s.get(dev.ballast.sim.scenario.TwinSettings.SCRAPE_INTERVAL).toNanos()
                + s.get(dev.ballast.sim.scenario.TwinSettings.METRICS_DELAY).toNanos()
                + s.get(dev.ballast.core.policy.BallastSettings.TICK).toNanos())
            / 1e9;
    return new Named(
        name,
        sc -> List.of(new dev.ballast.core.policy.BallastPolicy("ballast", s, detection)),
        true,
        Optional.empty(),
        Optional.empty(),
        null,
        true,
        PodPlacement.BALLAST); // its scheduler extender places its replicas
  }

  /**
   * The clairvoyant reference, which reads the trace ahead window by window, with a node autoscaler;
   * it starts with what the trace's first lead time needs and holds requests while at zero.
   */
  private static Contender clairvoyant(String name, Settings s, long seed, Function<Scenario, Policy> nodes) {
    double util = s.get(ClairvoyantSettings.UTILIZATION_PERCENT) / 100;
    double window = s.get(ClairvoyantSettings.WINDOW).toNanos() / 1e9;
    Map<Scenario, ClairvoyantPolicy> memo = new java.util.IdentityHashMap<>();
    Function<Scenario, ClairvoyantPolicy> policy =
        sc -> memo.computeIfAbsent(sc, k -> new ClairvoyantPolicy(k, seed, window, util));
    Function<Scenario, int[]> initial = sc -> {
      int[] r = new int[sc.services().size()];
      for (int i = 0; i < r.length; i++) {
        r[i] = policy.apply(sc).heldAt(i, 0);
      }
      return r;
    };
    return new Named(name, sc -> List.of(policy.apply(sc), nodes.apply(sc)), true, Optional.empty(), Optional.empty(), initial, true);
  }

  private static IllegalArgumentException unknown(String spec) {
    return new IllegalArgumentException(
        "unknown policy '" + spec + "'; use static-peak, ballast, or a workload autoscaler (hpa, keda, kpa) or the clairvoyant"
            + " reference paired with a node autoscaler (ca, karpenter), e.g. hpa+ca, kpa+karpenter@150 or clairvoyant+karpenter");
  }

  /** HPA/KEDA target in-flight per pod: a percent of the replica's batch limit on its GPU type. */
  private static Map<String, Double> targets(Scenario scenario, Settings s) {
    double share = s.get(HpaSettings.TARGET_PERCENT) / 100;
    Map<String, Double> m = new LinkedHashMap<>();
    for (ServiceSpec svc : scenario.services()) {
      var profile = scenario.catalog().model(svc.modelId()).profileOn(scenario.deploymentGpuType().get(svc.id())).orElseThrow();
      m.put(svc.id(), share * profile.maxConcurrentSequences());
    }
    return m;
  }

  private static Policy kpa(Settings s) {
    double stable = s.get(KpaSettings.STABLE_WINDOW).toNanos() / 1e9;
    double target = s.get(KpaSettings.TARGET_CONCURRENCY);
    double util = s.get(KpaSettings.TARGET_UTILIZATION_PERCENT) / 100;
    DeciderSpec spec =
        new DeciderSpec(
            target * util,
            target,
            s.get(KpaSettings.TARGET_BURST_CAPACITY),
            s.get(KpaSettings.PANIC_THRESHOLD_PERCENT) / 100,
            s.get(KpaSettings.MAX_SCALE_UP_RATE),
            s.get(KpaSettings.MAX_SCALE_DOWN_RATE),
            stable,
            0,
            true,
            1);
    ScaleToZeroGate.Config config =
        new ScaleToZeroGate.Config(
            true,
            stable,
            s.get(KpaSettings.GRACE_PERIOD).toNanos() / 1e9,
            0,
            s.get(KpaSettings.PROGRESS_DEADLINE).toNanos() / 1e9,
            30,
            s.get(KpaSettings.TARGET_BURST_CAPACITY),
            0,
            0,
            1,
            false);
    return new KpaPolicy(spec, config, s.get(KpaSettings.TICK), stable * s.get(KpaSettings.PANIC_WINDOW_PERCENT) / 100);
  }
}
