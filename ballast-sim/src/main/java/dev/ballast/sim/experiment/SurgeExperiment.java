package dev.ballast.sim.experiment;

import dev.ballast.core.config.Settings;
import dev.ballast.sim.run.Comparison;
import dev.ballast.sim.run.Contenders;
import dev.ballast.sim.run.RunResult;
import dev.ballast.sim.run.TimelineRow;
import dev.ballast.sim.scenario.DefaultScenarios;
import dev.ballast.sim.scenario.Scenario;
import dev.ballast.sim.trace.StepTrace;
import dev.ballast.sim.trace.TokenSample;
import dev.ballast.sim.trace.Traces;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How fast each policy brings capacity for a sudden surge: a step to {@code factor} times the
 * demand within {@code rampSeconds}, after long enough at the base rate for every policy to
 * settle and learn. The capacity the surge needs beyond what was serving at the step is split
 * into twenty equal parts; each part's time is when the ready replicas' saturation rate first
 * covers it. Pooled over seeds, the 95th percentile of those times is "the p95 time to the added
 * capacity serving"; a part never covered within the run counts as the run's length.
 */
public final class SurgeExperiment {
  static final int PARTS = 20;

  /** The experiment's shape. */
  public record Shape(double baseRate, double factor, double rampSeconds, double stepAtSeconds, double afterSeconds) {
    public static Shape defaults() {
      return new Shape(80, 5, 10, 3600, 1800);
    }
  }

  /** One policy's response, pooled over seeds. */
  public record Response(
      String policy, double p50Seconds, double p95Seconds, double maxSeconds, boolean allCovered, double sloAfterStep, double costUsd, int seeds) {}

  private SurgeExperiment() {}

  public static List<Response> run(Shape shape, List<String> policies, int seeds, Settings base, int threads) {
    Map<String, List<Double>> times = new LinkedHashMap<>();
    Map<String, double[]> slo = new LinkedHashMap<>();
    TokenSample tokens = TokenSample.of(Traces.embedded(Traces.CONVERSATION));
    double end = shape.stepAtSeconds() + shape.afterSeconds();
    for (int seed = 1; seed <= seeds; seed++) {
      StepTrace trace = new StepTrace(shape.baseRate(), shape.factor(), shape.stepAtSeconds(), shape.rampSeconds(), end, tokens);
      // measured from just before the step: SLO and cost are of the surge, not the calm before it
      Settings s =
          base.with(Map.of("run.warmup", Math.max(0, (long) shape.stepAtSeconds() - 60) + "s", "run.timelineStep", "1s"));
      Scenario scenario = DefaultScenarios.forTrace(trace.name(), trace, s);
      Comparison.Result c = Comparison.run(scenario, Contenders.parseAll(policies, s, seed), seed, true, threads, r -> {});
      for (RunResult r : c.runs()) {
        times.computeIfAbsent(r.policy(), k -> new ArrayList<>()).addAll(partTimes(r.timeline(), shape, trace.peakRate(), end));
        double[] acc = slo.computeIfAbsent(r.policy(), k -> new double[2]);
        acc[0] += r.sloAttainment();
        acc[1] += r.costUsd();
      }
    }
    List<Response> out = new ArrayList<>();
    times.forEach(
        (policy, list) -> {
          double[] t = list.stream().mapToDouble(Double::doubleValue).sorted().toArray();
          boolean covered = Arrays.stream(t).allMatch(Double::isFinite);
          double horizon = shape.afterSeconds();
          double[] capped = Arrays.stream(t).map(x -> Double.isFinite(x) ? x : horizon).toArray();
          out.add(
              new Response(
                  policy, percentile(capped, 0.5), percentile(capped, 0.95), capped[capped.length - 1], covered,
                  slo.get(policy)[0] / seeds, slo.get(policy)[1] / seeds, seeds));
        });
    return out;
  }

  /** Seconds from the step until each twentieth of the added capacity serves (infinite: never). */
  static List<Double> partTimes(List<TimelineRow> timeline, Shape shape, double peakRate, double end) {
    double step = shape.stepAtSeconds();
    double before = 0;
    for (TimelineRow row : timeline) {
      if (row.timeSeconds() <= step) {
        before = row.capacityRequestsPerSecond();
      }
    }
    double added = Math.max(0, peakRate - before);
    List<Double> out = new ArrayList<>();
    for (int k = 1; k <= PARTS; k++) {
      double level = before + added * k / PARTS;
      double at = Double.POSITIVE_INFINITY;
      for (TimelineRow row : timeline) {
        if (row.timeSeconds() > step && row.timeSeconds() <= end && row.capacityRequestsPerSecond() >= level - 1e-9) {
          at = row.timeSeconds() - step;
          break;
        }
      }
      out.add(at);
    }
    return out;
  }

  static double percentile(double[] sorted, double q) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int i = (int) Math.ceil(q * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }

  public static String render(Shape shape, List<Response> responses) {
    StringBuilder b =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "surge: %.0f -> %.0f req/s within %.0f s at t=%.0f s (conversation token mix), %d seeds;"
                    + " time from the step until each twentieth of the added capacity serves%n",
                shape.baseRate(), shape.baseRate() * shape.factor(), shape.rampSeconds(), shape.stepAtSeconds(),
                responses.isEmpty() ? 0 : responses.get(0).seeds()));
    b.append(String.format(Locale.ROOT, "%-24s %9s %9s %9s %10s %10s%n", "policy", "p50 s", "p95 s", "max s", "SLO after", "cost USD"));
    for (Response r : responses) {
      b.append(
          String.format(
              Locale.ROOT,
              "%-24s %9.0f %9s %9s %9.2f%% %10.2f%n",
              r.policy(), r.p50Seconds(), fmt(r.p95Seconds(), r.allCovered(), shape), fmt(r.maxSeconds(), r.allCovered(), shape),
              r.sloAfterStep() * 100, r.costUsd()));
    }
    return b.toString();
  }

  private static String fmt(double seconds, boolean covered, Shape shape) {
    return !covered && seconds >= shape.afterSeconds() ? ">" + (long) shape.afterSeconds() : String.valueOf(Math.round(seconds));
  }
}
