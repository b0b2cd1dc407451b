package dev.ballast.cli;

import dev.ballast.sim.experiment.ForecastEvaluation;
import dev.ballast.sim.trace.ScaledTrace;
import dev.ballast.sim.trace.Trace;
import dev.ballast.sim.trace.TraceFormat;
import dev.ballast.sim.trace.Traces;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ballast forecast}: Ballast's demand forecast on a trace, scored online against naive. */
@Command(
    name = "forecast",
    mixinStandardHelpOptions = true,
    description = {
      "Feeds a trace's per-minute request rate, minute by minute, to Ballast's adaptive forecaster and scores every"
          + " forecast when its minute arrives: mean absolute error against the naive forecast (the last minute again),"
          + " the best single candidate in hindsight, and how often the forecast's 90th percentile covered the actual rate."
    })
final class ForecastCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--trace", paramLabel = "PATH", description = "Trace file (default: the embedded Azure conversation trace).")
  Path trace;

  @Option(names = "--format", paramLabel = "FORMAT", description = "Format of the --trace file (default: azure-llm).")
  String format;

  @Option(names = "--rate-scale", paramLabel = "X", defaultValue = "1", description = "Multiply the request rate by X (default: ${DEFAULT-VALUE}).")
  double rateScale;

  @Option(
      names = "--horizons",
      paramLabel = "MINUTES",
      split = ",",
      defaultValue = "1,3,7,12",
      description = "Horizons to score, minutes (default: ${DEFAULT-VALUE}; Ballast plans over its tiers' lead times, 1 to 7 min).")
  List<Integer> horizons;

  @Option(names = "--warmup-minutes", paramLabel = "N", defaultValue = "10", description = "Minutes learned before scoring (default: ${DEFAULT-VALUE}).")
  int warmupMinutes;

  @Option(names = "--seed", defaultValue = "1", description = "Seed for traces that draw arrivals (default: ${DEFAULT-VALUE}).")
  long seed;

  @Override
  public Integer call() {
    if (horizons.stream().anyMatch(h -> h < 1 || h > 1440) || warmupMinutes < 0) {
      throw new IllegalArgumentException("--horizons must be 1..1440 minutes and --warmup-minutes >= 0");
    }
    if (trace == null && format != null) {
      throw new IllegalArgumentException("--format describes the file given with --trace; the embedded trace is azure-llm");
    }
    Trace t =
        trace == null
            ? ScaledTrace.of(Traces.embedded(Traces.CONVERSATION), rateScale, 1)
            : Traces.read(trace, TraceFormat.parse(format == null ? "azure-llm" : format), rateScale, 1);
    double[] rates = ForecastEvaluation.perMinuteRates(t, seed);
    int[] hs = horizons.stream().mapToInt(Integer::intValue).toArray();
    PrintWriter out = spec.commandLine().getOut();
    out.print(ForecastEvaluation.render(t.name() + ", " + rates.length + " minutes", ForecastEvaluation.evaluate(rates, hs, warmupMinutes)));
    out.flush();
    return 0;
  }
}
