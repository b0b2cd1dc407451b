package dev.ballast.core.spi;

import java.time.Instant;

/**
 * One scrape of a service's serving metrics, as Prometheus would hold it for vLLM replicas.
 * Counters only grow; rates come from differences between samples.
 *
 * @param at scrape time
 * @param readyReplicas replicas serving
 * @param startingReplicas replicas bound to a node and starting
 * @param pendingReplicas replicas waiting for a node
 * @param arrivalsTotal requests that reached the service (counter)
 * @param promptTokensTotal prompt tokens of those requests (counter)
 * @param outputTokensTotal output tokens of those requests (counter)
 * @param firstTokensTotal requests that got their first token (counter)
 * @param firstTokensWithinSloTotal of those, within the service's TTFT target (counter)
 * @param failedTotal requests that failed, any reason (counter)
 * @param running sequences in the replicas' batches now ({@code vllm:num_requests_running})
 * @param waiting requests queued at replicas or held at the gateway now ({@code vllm:num_requests_waiting})
 * @param inFlightSecondsTotal integral over time of running + waiting (counter), for exact window averages
 * @param kvCacheUsage mean KV-cache use over ready replicas, 0..1 ({@code vllm:gpu_cache_usage_perc})
 */
public record ServiceSample(
    Instant at,
    int readyReplicas,
    int startingReplicas,
    int pendingReplicas,
    long arrivalsTotal,
    long promptTokensTotal,
    long outputTokensTotal,
    long firstTokensTotal,
    long firstTokensWithinSloTotal,
    long failedTotal,
    double running,
    double waiting,
    double inFlightSecondsTotal,
    double kvCacheUsage) {

  public double inFlight() {
    return running + waiting;
  }
}
