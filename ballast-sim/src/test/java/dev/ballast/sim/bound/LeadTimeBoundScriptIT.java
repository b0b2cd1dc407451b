package dev.ballast.sim.bound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ballast.sim.report.RequestsCsv;
import dev.ballast.sim.run.Comparison;
import dev.ballast.sim.run.Contenders;
import dev.ballast.sim.scenario.DefaultScenarios;
import dev.ballast.sim.scenario.Scenario;
import dev.ballast.sim.scenario.SettingsCatalog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code bench/bound/lead_time_bound.py}, the lower bound under start-up delays, on requests
 * the twin wrote, and its own checks. Needs a python3 with SciPy; skipped without one unless
 * {@code BALLAST_REQUIRE_SCIPY} is set (as CI does, with Debian's python3-scipy).
 */
class LeadTimeBoundScriptIT {
  private static final Path SCRIPTS = Path.of("..", "bench", "bound");

  @Test
  void theScriptsChecksPassAndItsBoundOnTwinRequestsLiesWhereItMust(@TempDir Path dir) throws Exception {
    String python = pythonWithScipy();
    if (python == null && System.getenv("BALLAST_REQUIRE_SCIPY") != null) {
      throw new AssertionError("BALLAST_REQUIRE_SCIPY is set but no python3 imports scipy (apt-get install python3-scipy)");
    }
    assumeTrue(python != null, "no python3 with scipy");

    Run checks = run(dir, python, SCRIPTS.resolve("test_lead_time_bound.py").toString());
    assertThat(checks.exit()).as(checks.output()).isZero();

    // the code trace's bursts, at three times its rate and six times as fast: five measured minutes
    Scenario s = DefaultScenarios.embeddedCode(SettingsCatalog.defaults(), 3, 6);
    Comparison.Result c = Comparison.run(s, Contenders.parseAll(List.of("static-peak"), s.settings(), 1), 1, false, 1, r -> {});
    Path requests = dir.resolve("requests.csv");
    RequestsCsv.write(c, requests);
    Run bound = run(dir, python, SCRIPTS.resolve("lead_time_bound.py").toString(), requests.toString(), "--restart-seconds", "0,121");
    assertThat(bound.exit()).as(bound.output()).isZero();

    double noStartUp = multiple(bound.output(), "0");
    double stopped = multiple(bound.output(), "121");
    assertThat(noStartUp).as("without start-up it is the work, less the 1 %% that may miss").isBetween(0.9, 1.0 + 1e-9);
    assertThat(stopped).as("start-ups cost the bursts").isGreaterThan(1.2 * noStartUp);
    Matcher work = Pattern.compile("work-conserving bound: ([0-9.]+) GPU-h").matcher(bound.output());
    assertThat(work.find()).as(bound.output()).isTrue();
    assertThat(Double.parseDouble(work.group(1))).isCloseTo(c.bound().gpuHours(), within(0.006));
  }

  /** The "x work bound" column of the script's row for a restart time. */
  private static double multiple(String output, String restart) {
    Matcher m = Pattern.compile("(?m)^\\s+" + Pattern.quote(restart) + "\\s+[0-9.]+\\s+[0-9.]+\\s+([0-9.]+)\\s+\\d+$").matcher(output);
    assertThat(m.find()).as("a row for %s s in:%n%s", restart, output).isTrue();
    return Double.parseDouble(m.group(1));
  }

  private record Run(int exit, String output) {}

  private static Run run(Path dir, String... command) throws IOException, InterruptedException {
    Path log = dir.resolve("python.log");
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    assertThat(p.waitFor(300, TimeUnit.SECONDS)).as("%s finished", String.join(" ", command)).isTrue();
    return new Run(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
  }

  /** The first of python3 on the PATH and Debian's that imports scipy, or null. */
  private static String pythonWithScipy() throws InterruptedException {
    List<String> candidates = new ArrayList<>();
    for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (Files.isExecutable(Path.of(d, "python3"))) {
        candidates.add(Path.of(d, "python3").toString());
      }
    }
    candidates.add("/usr/bin/python3");
    for (String python : candidates) {
      try {
        Process p = new ProcessBuilder(python, "-c", "import scipy.optimize").redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        if (p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0) {
          return python;
        }
      } catch (IOException e) {
        // not runnable: try the next
      }
    }
    return null;
  }
}
