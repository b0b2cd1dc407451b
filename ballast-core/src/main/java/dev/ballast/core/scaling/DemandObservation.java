package dev.ballast.core.scaling;

/**
 * What a service's recent samples say about its demand.
 *
 * @param level smoothed arrival rate (req/s), shortest smoothing
 * @param levels the arrival rate under each of {@link BurstProfile#LEVEL_TIME_CONSTANTS}
 * @param lastRate arrival rate over the newest scrape interval (req/s)
 * @param mix mean prompt and output tokens of recent requests
 * @param backlog requests waiting at replicas or held at the gateway
 * @param recentAttainment share of recently finished requests within the TTFT target
 * @param recentRequests how many requests that share is over
 * @param idleSeconds how long the service has had no traffic at all (0 when busy)
 * @param seenActive whether it has had traffic, or a replica serving, since Ballast began to watch
 *     it: a service that has had neither has nothing to keep warm
 * @param fresh whether the newest sample is recent enough to act on
 */
public record DemandObservation(
    double level,
    double[] levels,
    double lastRate,
    TokenMix mix,
    double backlog,
    double recentAttainment,
    long recentRequests,
    double idleSeconds,
    boolean seenActive,
    boolean fresh) {}
