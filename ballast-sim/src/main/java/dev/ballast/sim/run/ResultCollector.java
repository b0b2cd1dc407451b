package dev.ballast.sim.run;

import dev.ballast.core.service.ServiceSpec;
import dev.ballast.sim.serving.FailureReason;
import dev.ballast.sim.serving.ServiceStats;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/** Sums a run's per-service statistics into its {@link RunResult}. */
final class ResultCollector {
  private ResultCollector() {}

  static RunResult collect(
      String name,
      List<ServiceSpec> specs,
      ServiceStats[] stats,
      double[] heldUsd,
      double costUsd,
      double gpuHours,
      long coldStarts,
      TimelineRecorder timeline,
      double servedBoundUsd,
      double servedWorkGpuHours,
      long decisions,
      long wallMs,
      boolean keepTimeline) {
    long requests = 0;
    long served = 0;
    long within = 0;
    long coldHits = 0;
    Map<String, Long> failures = new LinkedHashMap<>();
    List<ServiceResult> perService = new ArrayList<>(stats.length);
    Histogram ttft = new Histogram(stats[0].ttftMicros().getHighestTrackableValue(), 3);
    Histogram e2e = new Histogram(stats[0].e2eMicros().getHighestTrackableValue(), 3);
    for (int i = 0; i < stats.length; i++) {
      ServiceStats s = stats[i];
      long serviceFailed = 0;
      requests += s.measuredArrivals();
      served += s.measuredCompleted();
      within += s.measuredWithinSlo();
      coldHits += s.measuredColdHits();
      ttft.add(s.ttftMicros());
      e2e.add(s.e2eMicros());
      for (FailureReason r : FailureReason.values()) {
        failures.merge(r.label(), s.measuredFailed(r), Long::sum);
        serviceFailed += s.measuredFailed(r);
      }
      ServiceSpec spec = specs.get(i);
      perService.add(
          new ServiceResult(
              spec.id(), s.measuredArrivals(), s.measuredWithinSlo(), serviceFailed, s.measuredColdHits(), spec.slo().targetShare(), heldUsd[i]));
    }
    long failed = failures.values().stream().mapToLong(Long::longValue).sum();
    if (served + failed != requests) {
      throw new IllegalStateException(
          "request accounting broken: " + requests + " arrived, " + served + " served, " + failed + " failed");
    }
    return new RunResult(
        name,
        costUsd,
        gpuHours,
        requests,
        served,
        failed,
        failures,
        requests == 0 ? 1.0 : (double) within / requests,
        ms(ttft, 50),
        ms(ttft, 99),
        ms(e2e, 50),
        ms(e2e, 99),
        coldStarts,
        coldHits,
        timeline.meanReplicas(),
        timeline.peakReplicas(),
        servedBoundUsd,
        Math.max(0, gpuHours - servedWorkGpuHours),
        decisions,
        wallMs,
        keepTimeline ? List.copyOf(timeline.rows()) : List.of(),
        ttft,
        List.copyOf(perService));
  }

  private static double ms(Histogram h, double percentile) {
    return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(percentile) / 1000.0;
  }
}
