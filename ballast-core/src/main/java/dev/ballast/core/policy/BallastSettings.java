package dev.ballast.core.policy;

import dev.ballast.core.config.Setting;
import java.time.Duration;
import java.util.List;

/** Settings of Ballast's own policy. */
public final class BallastSettings {
  private BallastSettings() {}

  public static final Setting<Duration> TICK =
      Setting.duration("ballast.tickInterval", Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofMinutes(5), "How often Ballast decides.");

  public static final Setting<Double> TARGET_SHARE =
      Setting.number(
          "ballast.targetShare",
          0,
          0,
          0.99999,
          "Share of requests Ballast aims to serve within each service's TTFT target (0: the service's own SLO share)."
              + " Ballast's main knob.");

  public static final Setting<Double> QUEUEING_BUDGET =
      Setting.number(
          "ballast.queueingBudget",
          0.25,
          0.01,
          1,
          "Share of the SLO's miss budget allowed to queueing inside a replica (sizes requests/s per replica).");

  public static final Setting<Double> BURST_BUDGET =
      Setting.number(
          "ballast.burstBudget",
          0.5,
          0.01,
          1,
          "Share of the SLO's miss budget allowed to bursts above capacity (sizes the burst headroom).");

  public static final Setting<Duration> BURST_WINDOW =
      Setting.duration(
          "ballast.burstWindow", Duration.ofMinutes(60), Duration.ofMinutes(1), Duration.ofDays(7), "How much recent traffic the burst profile learns from.");

  public static final Setting<Double> BURST_FALLBACK =
      Setting.number(
          "ballast.burstFallback", 1.5, 1, 20, "Burst headroom factor used until the profile has seen enough requests.");

  public static final Setting<Duration> LEVEL_TIME_CONSTANT =
      Setting.duration(
          "ballast.levelTimeConstant", Duration.ofSeconds(60), Duration.ofSeconds(1), Duration.ofHours(1), "Time constant of the smoothed arrival rate.");

  public static final Setting<Duration> SCALE_DOWN_STABILIZATION =
      Setting.duration(
          "ballast.scaleDownStabilization",
          Duration.ofSeconds(120),
          Duration.ZERO,
          Duration.ofHours(1),
          "A lower replica target must hold at least this long before replicas go (the highest target in the window wins);"
              + " longer when getting them back takes longer: the stopped tier's lead for level-following capacity, new nodes' for on/off.");

  public static final Setting<Double> SCALE_DOWN_MARGIN =
      Setting.number(
          "ballast.scaleDownMargin",
          0.1,
          0,
          1,
          "Survivors must carry the current demand with this spare share of their SLO-safe rate before a replica goes.");

  public static final Setting<Duration> DRAIN_TIME =
      Setting.duration(
          "ballast.backlogDrainTime", Duration.ofSeconds(20), Duration.ofSeconds(1), Duration.ofMinutes(10), "Queued requests are sized to drain within this time.");

  public static final Setting<Boolean> FORECAST =
      Setting.flag(
          "ballast.forecast",
          false,
          "Plan capacity on the demand forecast over each tier's lead time, where its p90 is within 1.5x its median (off: the"
              + " current level and the burst rule only). Off by default: on the measured traces it saved nothing (docs/results.md, ablations).");

  public static final Setting<Boolean> WARM_TIER =
      Setting.flag(
          "ballast.warmTier",
          false,
          "Hold sleeping replicas that wake in seconds, by expected cost over the forecast (needs ballast.forecast; off: awake,"
              + " stopped and cold only). A sleeping replica keeps its GPU, so it pays only where bursts outrun the stopped tier"
              + " (docs/results.md, ablations).");

  public static final Setting<Boolean> STOPPED_TIER =
      Setting.flag("ballast.stoppedTier", true, "Keep empty nodes stopped with their disks (off: delete them).");

  public static final Setting<Duration> KEEP_ALIVE_FALLBACK =
      Setting.duration(
          "ballast.keepAliveFallback",
          Duration.ofMinutes(10),
          Duration.ZERO,
          Duration.ofHours(24),
          "Keep-alive of an idle service until its idle-time histogram is learned, for the hybrid window (ballast.keepAliveByCost=false);"
              + " the costed window keeps warm for what a cold start costs instead (ski rental's break-even).");

  public static final Setting<Integer> KEEP_ALIVE_MIN_SAMPLES =
      Setting.integer(
          "ballast.keepAliveMinSamples", 10, 1, 10_000, "Idle periods a service needs before its keep-alive is learned.");

  public static final Setting<Boolean> KEEP_ALIVE_BY_COST =
      Setting.flag(
          "ballast.keepAliveByCost",
          true,
          "Choose each idle service's keep-alive and pre-warm as the cheapest in expectation over its idle-time histogram,"
              + " a cold start priced at its own GPU time, its SLO price (coldStartPricedBySlo) and ballast.coldStartWorth"
              + " (off: the hybrid histogram's 5th and 99th percentiles, SLO first).");

  public static final Setting<Boolean> COLD_START_PRICED_BY_SLO =
      Setting.flag(
          "ballast.coldStartPricedBySlo",
          true,
          "With keepAliveByCost: price what each cold start costs the service's SLO, the requests it keeps waiting (learned"
              + " from the service's active periods), each weighing share/(1 - share) served requests (off: GPU time and"
              + " ballast.coldStartWorth alone).");

  public static final Setting<Duration> COLD_START_WORTH =
      Setting.duration(
          "ballast.coldStartWorth",
          Duration.ZERO,
          Duration.ZERO,
          Duration.ofHours(24),
          "With keepAliveByCost: GPU time one avoided cold start is worth beyond its own GPU time and its SLO price"
              + " (0 with coldStartPricedBySlo off: GPU cost alone, ski rental).");

  public static final Setting<Duration> NODE_IDLE_GRACE =
      Setting.duration(
          "ballast.nodeIdleGrace",
          Duration.ZERO,
          Duration.ZERO,
          Duration.ofHours(1),
          "An empty node waits this long before it is stopped or removed (0: at once; the replica plan's scale-down hold and"
              + " keep-alive already decide how long capacity stays, and a stopped node resumes in under a minute).");

  public static final Setting<Duration> CONSOLIDATE_AFTER =
      Setting.duration(
          "ballast.consolidateAfter",
          Duration.ofMinutes(5),
          Duration.ZERO,
          Duration.ofHours(24),
          "A node of several GPUs whose replicas use at most half of them this long, while fuller nodes have room for them all, is emptied"
              + " make-before-break: each replica's replacement starts on a fuller node and serves before the replica goes (0: never).");

  public static final Setting<Duration> PEAK_MEMORY =
      Setting.duration(
          "ballast.stoppedPeakMemory", Duration.ofHours(24), Duration.ZERO, Duration.ofDays(30), "Stopped nodes are kept for the peak demand of about this long ago (they cost disk only).");

  public static final Setting<Integer> STOPPED_FLOOR =
      Setting.integer(
          "ballast.stoppedFloor",
          0,
          0,
          10_000,
          "Stopped nodes, the model cached, that each GPU pool a service adds capacity on holds at least, provisioned if need be:"
              + " surge insurance at disk price (0: none beyond the stopped tier's recent peak). A surge resumes them, about two"
              + " minutes to serve instead of six.");

  public static List<Setting<?>> all() {
    return List.of(
        TICK,
        TARGET_SHARE,
        QUEUEING_BUDGET,
        BURST_BUDGET,
        BURST_WINDOW,
        BURST_FALLBACK,
        LEVEL_TIME_CONSTANT,
        SCALE_DOWN_STABILIZATION,
        SCALE_DOWN_MARGIN,
        DRAIN_TIME,
        FORECAST,
        WARM_TIER,
        STOPPED_TIER,
        STOPPED_FLOOR,
        KEEP_ALIVE_FALLBACK,
        KEEP_ALIVE_MIN_SAMPLES,
        KEEP_ALIVE_BY_COST,
        COLD_START_PRICED_BY_SLO,
        COLD_START_WORTH,
        NODE_IDLE_GRACE,
        CONSOLIDATE_AFTER,
        PEAK_MEMORY);
  }
}
