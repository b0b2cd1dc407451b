package dev.ballast.cli;

import dev.ballast.core.config.Settings;
import dev.ballast.sim.experiment.SurgeExperiment;
import dev.ballast.sim.run.Contenders;
import dev.ballast.sim.scenario.SettingsCatalog;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ballast surge}: how fast each policy serves a sudden step in demand. */
@Command(
    name = "surge",
    mixinStandardHelpOptions = true,
    description = {
      "Replays a synthetic surge (Poisson arrivals with the Azure conversation token mix, a step to FACTOR times the"
          + " base rate within RAMP seconds after an hour at the base rate) through every policy, over several seeds,"
          + " and reports how long each takes until the added capacity serves: the time until each twentieth of the"
          + " capacity the surge needs is ready, pooled over seeds (p50, p95, max)."
    })
final class SurgeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--base-rate", paramLabel = "REQ/S", defaultValue = "80", description = "Rate before the step (default: ${DEFAULT-VALUE}).")
  double baseRate;

  @Option(names = "--factor", paramLabel = "X", defaultValue = "5", description = "Step to X times the base rate (default: ${DEFAULT-VALUE}).")
  double factor;

  @Option(names = "--ramp", paramLabel = "SECONDS", defaultValue = "10", description = "Seconds the step takes (default: ${DEFAULT-VALUE}).")
  double ramp;

  @Option(names = "--seeds", paramLabel = "N", defaultValue = "5", description = "Seeds to pool (default: ${DEFAULT-VALUE}).")
  int seeds;

  @Option(names = "--policies", paramLabel = "LIST", split = ",", description = "Contenders (default: ballast, ballast-warm, every baseline and the clairvoyant reference).")
  List<String> policies;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a setting (repeatable).")
  List<String> sets = new ArrayList<>();

  @Option(names = "--threads", paramLabel = "N", description = "Policies simulated in parallel (default: the number of cores).")
  Integer threads;

  @Override
  public Integer call() {
    if (seeds < 1 || !(factor > 1) || !(baseRate > 0) || ramp < 0) {
      throw new IllegalArgumentException("need --seeds >= 1, --factor > 1, --base-rate > 0 and --ramp >= 0");
    }
    Settings settings = SettingsCatalog.defaults().with(SimulateCommand.parseSets(sets));
    List<String> names = policies;
    if (names == null) {
      names = new ArrayList<>(List.of("ballast", "ballast-warm"));
      names.addAll(Contenders.BASELINES);
      names.addAll(Contenders.REFERENCES);
    }
    SurgeExperiment.Shape shape = new SurgeExperiment.Shape(baseRate, factor, ramp, 3600, 1800);
    int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    List<SurgeExperiment.Response> responses = SurgeExperiment.run(shape, names, seeds, settings, n);
    PrintWriter out = spec.commandLine().getOut();
    out.print(SurgeExperiment.render(shape, responses));
    out.flush();
    return 0;
  }
}
