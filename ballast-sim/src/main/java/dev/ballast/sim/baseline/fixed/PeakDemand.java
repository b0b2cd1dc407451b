package dev.ballast.sim.baseline.fixed;

import dev.ballast.core.catalog.ServingProfile;
import dev.ballast.core.scaling.ReplicaThroughput;
import dev.ballast.core.scaling.TokenMix;
import dev.ballast.sim.scenario.Scenario;
import dev.ballast.sim.trace.RequestStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The trace's demand per service read ahead of the run: each window's request rate and token mix,
 * and the replicas that carry it. Only the contenders labelled as knowing the trace may read it:
 * static-peak (its busiest window, standing for a team that provisions for last week's peak) and
 * the clairvoyant reference (every window).
 */
public final class PeakDemand {
  private PeakDemand() {}

  /** Replicas per service (in scenario order) that carry the busiest window at {@code utilization}. */
  public static int[] replicas(Scenario scenario, long seed, double windowSeconds, double utilization) {
    int[][] byWindow = byWindow(scenario, seed, windowSeconds, utilization);
    int[] best = new int[byWindow.length];
    for (int svc = 0; svc < best.length; svc++) {
      for (int r : byWindow[svc]) {
        best[svc] = Math.max(best[svc], r);
      }
    }
    return best;
  }

  /**
   * Per service (in scenario order), per window of {@code windowSeconds} from the trace's start, the
   * replicas that carry that window's requests at {@code utilization} (0 for a window without any).
   */
  public static int[][] byWindow(Scenario scenario, long seed, double windowSeconds, double utilization) {
    int n = scenario.services().size();
    List<List<Integer>> series = new ArrayList<>();
    for (int svc = 0; svc < n; svc++) {
      series.add(new ArrayList<>());
    }
    long[] count = new long[n];
    double[] in = new double[n];
    double[] outTokens = new double[n];
    long window = 0;
    RequestStream s = scenario.trace().open(seed);
    while (s.next()) {
      long w = (long) Math.floor(s.time() / windowSeconds);
      while (window < w) { // a request out of order counts in the window at hand
        flush(scenario, series, count, in, outTokens, windowSeconds, utilization);
        window++;
      }
      int svc = s.service();
      count[svc]++;
      in[svc] += s.inputTokens();
      outTokens[svc] += s.outputTokens();
    }
    flush(scenario, series, count, in, outTokens, windowSeconds, utilization);
    int[][] result = new int[n][];
    for (int svc = 0; svc < n; svc++) {
      result[svc] = series.get(svc).stream().mapToInt(Integer::intValue).toArray();
    }
    return result;
  }

  private static void flush(Scenario scenario, List<List<Integer>> into, long[] count, double[] in, double[] out, double window, double utilization) {
    for (int svc = 0; svc < count.length; svc++) {
      int replicas = 0;
      if (count[svc] > 0) {
        var spec = scenario.services().get(svc);
        ServingProfile profile =
            scenario.catalog().model(spec.modelId()).profileOn(scenario.deploymentGpuType().get(spec.id())).orElseThrow();
        TokenMix mix = new TokenMix(in[svc] / count[svc], Math.max(1, out[svc] / count[svc]));
        replicas = ReplicaThroughput.replicasFor(profile, mix, count[svc] / window, utilization);
      }
      into.get(svc).add(replicas);
      count[svc] = 0;
      in[svc] = 0;
      out[svc] = 0;
    }
  }
}
