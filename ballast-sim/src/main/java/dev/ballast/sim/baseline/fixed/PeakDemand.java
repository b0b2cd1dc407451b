package dev.ballast.sim.baseline.fixed;

import dev.ballast.core.catalog.ServingProfile;
import dev.ballast.core.scaling.ReplicaThroughput;
import dev.ballast.core.scaling.TokenMix;
import dev.ballast.sim.scenario.Scenario;
import dev.ballast.sim.trace.RequestStream;

/**
 * The trace's peak demand per service: the busiest window's request rate and token mix, and the
 * replicas that carry it. Only the static-peak baseline may know this, standing for a team that
 * provisions for last week's peak.
 */
public final class PeakDemand {
  private PeakDemand() {}

  /** Replicas per service (in scenario order) that carry the busiest window at {@code utilization}. */
  public static int[] replicas(Scenario scenario, long seed, double windowSeconds, double utilization) {
    int n = scenario.services().size();
    int[] best = new int[n];
    long[] count = new long[n];
    double[] in = new double[n];
    double[] out = new double[n];
    long window = 0;
    RequestStream s = scenario.trace().open(seed);
    while (s.next()) {
      long w = (long) Math.floor(s.time() / windowSeconds);
      if (w != window) {
        flush(scenario, best, count, in, out, windowSeconds, utilization);
        window = w;
      }
      int svc = s.service();
      count[svc]++;
      in[svc] += s.inputTokens();
      out[svc] += s.outputTokens();
    }
    flush(scenario, best, count, in, out, windowSeconds, utilization);
    return best;
  }

  private static void flush(Scenario scenario, int[] best, long[] count, double[] in, double[] out, double window, double utilization) {
    for (int svc = 0; svc < best.length; svc++) {
      if (count[svc] > 0) {
        var spec = scenario.services().get(svc);
        ServingProfile profile =
            scenario.catalog().model(spec.modelId()).profileOn(scenario.deploymentGpuType().get(spec.id())).orElseThrow();
        TokenMix mix = new TokenMix(in[svc] / count[svc], Math.max(1, out[svc] / count[svc]));
        best[svc] = Math.max(best[svc], ReplicaThroughput.replicasFor(profile, mix, count[svc] / window, utilization));
      }
      count[svc] = 0;
      in[svc] = 0;
      out[svc] = 0;
    }
  }
}
