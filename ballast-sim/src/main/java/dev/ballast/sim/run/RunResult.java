package dev.ballast.sim.run;

import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * What one contender did on one trace: cost, SLO attainment and latency, failures by reason,
 * churn and size.
 *
 * @param servedBoundUsd the lower bound's cost for just the requests this contender served
 * @param coldStarts replica starts after the initial state (each one pulls, loads and initialises)
 * @param coldStartRequests requests that arrived while no replica of their service was serving
 *     (each waits for a start, or fails): the serverless sense of a cold start
 * @param meanReplicas time-average of replica pods in any phase, at timeline resolution
 * @param idleGpuHours GPU-hours paid beyond the work the served requests take at full batch
 *     efficiency (the bound's GPU time for them): idle and under-filled GPUs together
 * @param services each service's own requests, attainment and what its pods held, in the scenario's service order
 */
public record RunResult(
    String policy,
    double costUsd,
    double gpuHours,
    long requests,
    long served,
    long failed,
    Map<String, Long> failures,
    double sloAttainment,
    double ttftP50Ms,
    double ttftP99Ms,
    double e2eP50Ms,
    double e2eP99Ms,
    long coldStarts,
    long coldStartRequests,
    double meanReplicas,
    int peakReplicas,
    double servedBoundUsd,
    double idleGpuHours,
    long decisions,
    long wallMs,
    List<TimelineRow> timeline,
    Histogram ttftMicros,
    List<ServiceResult> services) {

  /** Services that had measured requests. */
  public long servicesMeasured() {
    return services.stream().filter(s -> s.requests() > 0).count();
  }

  /** Services that had measured requests and met their own SLO on them. */
  public long servicesMeetingSlo() {
    return services.stream().filter(ServiceResult::meetsSlo).count();
  }
}
