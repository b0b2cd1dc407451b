package dev.ballast.bench;

import dev.ballast.core.config.Settings;
import dev.ballast.sim.run.Contender;
import dev.ballast.sim.run.Contenders;
import dev.ballast.sim.run.RunResult;
import dev.ballast.sim.run.Twin;
import dev.ballast.sim.scenario.DefaultScenarios;
import dev.ballast.sim.scenario.Scenario;
import dev.ballast.sim.scenario.SettingsCatalog;
import dev.ballast.sim.trace.TraceFormat;
import dev.ballast.sim.trace.Traces;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Whole-replay throughput: simulated requests per second of wall time, one thread, for a long,
 * heavy replay. Prints one line per run; the best of {@code repeats} is the figure (the first runs
 * warm the JIT).
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar dev.ballast.bench.ScenarioBenchmark conv 200 static-peak 3
 * java -cp bench/target/benchmarks.jar dev.ballast.bench.ScenarioBenchmark servegen:PATH 1 static-peak 1
 * </pre>
 */
public final class ScenarioBenchmark {
  private ScenarioBenchmark() {}

  public static void main(String[] args) {
    String which = args.length > 0 ? args[0] : "conv";
    double rate = args.length > 1 ? Double.parseDouble(args[1]) : 200;
    String policy = args.length > 2 ? args[2] : "static-peak";
    int repeats = args.length > 3 ? Integer.parseInt(args[3]) : 3;
    Settings settings = SettingsCatalog.defaults();
    Scenario scenario =
        which.startsWith("servegen:")
            ? DefaultScenarios.forTrace("servegen", Traces.read(Path.of(which.substring(9)), TraceFormat.SERVEGEN, rate, 1), settings)
            : DefaultScenarios.embeddedConversation(settings, rate, 1);
    double best = 0;
    for (int i = 0; i < repeats; i++) {
      Contender c = Contenders.parse(policy, scenario.settings(), 1);
      long start = System.nanoTime();
      RunResult r = new Twin(scenario, c, 1, false).run();
      double seconds = (System.nanoTime() - start) / 1e9;
      double rps = r.requests() / seconds;
      best = Math.max(best, rps);
      System.out.printf(
          Locale.ROOT,
          "%s x%s %s: %,d requests in %.2f s = %,.0f simulated requests/s (SLO %.2f%%, cost $%.0f)%n",
          which, rate, policy, r.requests(), seconds, rps, r.sloAttainment() * 100, r.costUsd());
    }
    System.out.printf(Locale.ROOT, "best: %,.0f simulated requests/s on one thread%n", best);
  }
}
