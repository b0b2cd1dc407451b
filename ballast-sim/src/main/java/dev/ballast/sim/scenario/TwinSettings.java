package dev.ballast.sim.scenario;

import dev.ballast.core.config.Setting;
import java.time.Duration;
import java.util.List;

/** Settings of the twin itself: serving limits, metrics pipeline, cluster behaviour, run length. */
public final class TwinSettings {
  private TwinSettings() {}

  public static final Setting<Duration> REQUEST_TIMEOUT =
      Setting.duration(
          "serving.requestTimeout",
          Duration.ofSeconds(60),
          Duration.ofSeconds(1),
          Duration.ofHours(1),
          "A request still without its first token after this long fails as 'timeout' (the client gives up).");

  public static final Setting<Integer> REPLICA_QUEUE_LIMIT =
      Setting.integer(
          "serving.replicaQueueLimit",
          1024,
          1,
          1_000_000,
          "Requests a replica queues beyond its batch before refusing more ('queue-full').");

  public static final Setting<Integer> GATEWAY_HOLD_LIMIT =
      Setting.integer(
          "serving.gatewayHoldLimit",
          10_000,
          0,
          10_000_000,
          "Requests a holding gateway (Knative activator, Ballast) parks per service while no replica is ready.");

  public static final Setting<Duration> GRACE_PERIOD =
      Setting.duration(
          "cluster.terminationGracePeriod",
          Duration.ofSeconds(120),
          Duration.ZERO,
          Duration.ofHours(1),
          "How long a removed replica may drain its in-flight requests before the rest fail as 'evicted'.");

  public static final Setting<Integer> INITIAL_REPLICAS =
      Setting.integer(
          "cluster.initialReplicas",
          -1,
          -1,
          100_000,
          "Replicas per service, ready on ready nodes, when a run starts (-1: sized for the mean rate of the trace's first ten minutes;"
              + " the HPA, which cannot scale from zero, gets one at least).");

  public static final Setting<Duration> SCRAPE_INTERVAL =
      Setting.duration(
          "metrics.scrapeInterval",
          Duration.ofSeconds(15),
          Duration.ofMillis(100),
          Duration.ofMinutes(10),
          "How often serving metrics are scraped (Prometheus scrape_interval). Knative KPA uses its own 1 s pipeline.");

  public static final Setting<Duration> METRICS_DELAY =
      Setting.duration(
          "metrics.delay",
          Duration.ofSeconds(5),
          Duration.ZERO,
          Duration.ofMinutes(10),
          "How long after a scrape its sample becomes visible to a policy (ingestion and query latency).");

  public static final Setting<Duration> METRICS_RETENTION =
      Setting.duration(
          "metrics.retention",
          Duration.ofMinutes(30),
          Duration.ofMinutes(1),
          Duration.ofDays(30),
          "How far back a policy can query samples.");

  public static final Setting<Duration> SETTLE =
      Setting.duration(
          "run.settle",
          Duration.ofSeconds(120),
          Duration.ZERO,
          Duration.ofHours(6),
          "The run (and billing) ends this long after the trace's last possible arrival; requests still in flight then fail as 'unfinished'.");

  public static final Setting<Duration> WARMUP =
      Setting.duration(
          "run.warmup",
          Duration.ofMinutes(10),
          Duration.ZERO,
          Duration.ofDays(7),
          "Requests arriving in this first part of the trace (at most half of it) are served and policies learn from them,"
              + " but results, cost and the bound count only what comes after.");

  public static final Setting<Duration> TIMELINE_STEP =
      Setting.duration(
          "run.timelineStep",
          Duration.ofSeconds(10),
          Duration.ofSeconds(1),
          Duration.ofHours(1),
          "Resolution of the timeline output and of mean/peak replica counts.");

  /** The warm-up a run applies: the setting, capped at half the trace. */
  public static double warmupSeconds(dev.ballast.core.config.Settings settings, double traceSeconds) {
    return Math.min(settings.get(WARMUP).toNanos() / 1e9, 0.5 * traceSeconds);
  }

  public static List<Setting<?>> all() {
    return List.of(
        REQUEST_TIMEOUT,
        REPLICA_QUEUE_LIMIT,
        GATEWAY_HOLD_LIMIT,
        GRACE_PERIOD,
        INITIAL_REPLICAS,
        SCRAPE_INTERVAL,
        METRICS_DELAY,
        METRICS_RETENTION,
        SETTLE,
        WARMUP,
        TIMELINE_STEP);
  }
}
