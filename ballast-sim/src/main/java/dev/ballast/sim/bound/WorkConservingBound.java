package dev.ballast.sim.bound;

import dev.ballast.core.catalog.Catalog;
import dev.ballast.core.catalog.Model;
import dev.ballast.core.catalog.NodeType;
import dev.ballast.core.catalog.ServingProfile;
import dev.ballast.core.service.ServiceSpec;
import dev.ballast.core.spi.NodePool;
import dev.ballast.sim.scenario.Scenario;
import dev.ballast.sim.trace.RequestStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The work-conserving lower bound on cost (docs/concepts.md, "The bound").
 *
 * <p>A request with {@code in} prompt and {@code out} output tokens needs, on GPU type {@code g},
 * at least {@code in × gpus/prefillRate} GPU-seconds of prefill and {@code (out − 1) ×
 * gpus × ITL(B)/B} GPU-seconds of decode, where B is the batch limit: the most efficient batch,
 * always full, never idle. Priced at the cheapest GPU-second any node pool offers for {@code g}
 * (node price divided by its GPUs), and taking for each request the GPU type where this is cheapest,
 * the sum over requests is a cost no policy that serves them can undercut: it ignores start-up,
 * idle time, partial batches, queueing and every minimum replica count.
 */
public final class WorkConservingBound {

  /** Per service, the cost per prompt token and per decoded token on each eligible GPU type. */
  private final double[][] prefillUsdPerToken;

  private final double[][] decodeUsdPerToken;
  private final double[][] prefillGpuSecondsPerToken;
  private final double[][] decodeGpuSecondsPerToken;
  private final int[] contextWindow;

  private WorkConservingBound(int services) {
    prefillUsdPerToken = new double[services][];
    decodeUsdPerToken = new double[services][];
    prefillGpuSecondsPerToken = new double[services][];
    decodeGpuSecondsPerToken = new double[services][];
    contextWindow = new int[services];
  }

  public static WorkConservingBound of(Scenario scenario) {
    Catalog catalog = scenario.catalog();
    List<ServiceSpec> services = scenario.services();
    WorkConservingBound b = new WorkConservingBound(services.size());
    for (int s = 0; s < services.size(); s++) {
      ServiceSpec spec = services.get(s);
      Model model = catalog.model(spec.modelId());
      b.contextWindow[s] = model.contextWindowTokens();
      List<double[]> rows = new ArrayList<>();
      for (ServingProfile profile : model.profiles().values()) {
        if (!spec.allowsGpu(profile.gpuTypeId())) {
          continue;
        }
        double usdPerGpuSecond = Double.POSITIVE_INFINITY;
        for (NodePool pool : scenario.pools()) {
          NodeType type = catalog.nodeType(pool.nodeTypeId());
          if (type.gpu() != null && type.gpu().id().equals(profile.gpuTypeId())) {
            usdPerGpuSecond = Math.min(usdPerGpuSecond, type.usdPerGpuSecond());
          }
        }
        if (Double.isInfinite(usdPerGpuSecond)) {
          continue;
        }
        double p = profile.prefillGpuSecondsPerToken();
        double d = profile.bestDecodeGpuSecondsPerToken();
        rows.add(new double[] {p * usdPerGpuSecond, d * usdPerGpuSecond, p, d});
      }
      if (rows.isEmpty()) {
        throw new IllegalArgumentException("service " + spec.id() + ": no node pool offers a GPU type its model runs on");
      }
      b.prefillUsdPerToken[s] = rows.stream().mapToDouble(r -> r[0]).toArray();
      b.decodeUsdPerToken[s] = rows.stream().mapToDouble(r -> r[1]).toArray();
      b.prefillGpuSecondsPerToken[s] = rows.stream().mapToDouble(r -> r[2]).toArray();
      b.decodeGpuSecondsPerToken[s] = rows.stream().mapToDouble(r -> r[3]).toArray();
    }
    return b;
  }

  /** The bound's cost of one request: its cheapest GPU type at full batch. */
  public double requestUsd(int service, int input, int output) {
    double[] p = prefillUsdPerToken[service];
    double[] d = decodeUsdPerToken[service];
    int decoded = Math.max(0, output - 1);
    double best = Double.POSITIVE_INFINITY;
    for (int g = 0; g < p.length; g++) {
      best = Math.min(best, input * p[g] + decoded * d[g]);
    }
    return best;
  }

  /** GPU-seconds the request takes at full batch efficiency on its cheapest GPU. */
  public double requestGpuSeconds(int service, int input, int output) {
    int g = cheapestGpu(service, input, output);
    return input * prefillGpuSecondsPerToken[service][g] + Math.max(0, output - 1) * decodeGpuSecondsPerToken[service][g];
  }

  /** GPU-seconds of the request's prefill alone, on the GPU type {@link #requestGpuSeconds} takes. */
  public double prefillGpuSeconds(int service, int input, int output) {
    return input * prefillGpuSecondsPerToken[service][cheapestGpu(service, input, output)];
  }

  private int cheapestGpu(int service, int input, int output) {
    double[] p = prefillUsdPerToken[service];
    double[] d = decodeUsdPerToken[service];
    int decoded = Math.max(0, output - 1);
    int bestG = 0;
    double best = Double.POSITIVE_INFINITY;
    for (int g = 0; g < p.length; g++) {
      double c = input * p[g] + decoded * d[g];
      if (c < best) {
        best = c;
        bestG = g;
      }
    }
    return bestG;
  }

  /** Whether any replica could ever serve the request (it fits the context window). */
  public boolean servable(int service, int input, int output) {
    return (long) input + output <= contextWindow[service];
  }

  /** The bound over every servable request of the scenario's trace that arrives from {@code fromSeconds} on. */
  public Result over(Scenario scenario, long seed, double fromSeconds) {
    RequestStream s = scenario.trace().open(seed);
    double usd = 0;
    double gpuSeconds = 0;
    long counted = 0;
    long excluded = 0;
    while (s.next()) {
      int svc = s.service();
      int in = s.inputTokens();
      int out = s.outputTokens();
      if (s.time() < fromSeconds) {
        continue;
      }
      if (!servable(svc, in, out)) {
        excluded++;
        continue;
      }
      usd += requestUsd(svc, in, out);
      gpuSeconds += requestGpuSeconds(svc, in, out);
      counted++;
    }
    return new Result(usd, gpuSeconds / 3600.0, counted, excluded);
  }

  /** The bound of a whole trace: its cost, the GPU-hours behind it, and the requests it covers. */
  public record Result(double costUsd, double gpuHours, long requests, long excludedTooLong) {}
}
