package dev.ballast.cli;

import dev.ballast.sim.conformance.CaseResult;
import dev.ballast.sim.conformance.ConformanceRunner;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ballast conformance [DIR]}: runs HPA and KPA test vectors against the baselines. */
@Command(
    name = "conformance",
    mixinStandardHelpOptions = true,
    description = {
      "Runs conformance vectors (upstream HPA and Knative KPA unit-test cases) against the twin's baselines.",
      "Prints each failing case and a closing line 'N passed, N failed'; exits 1 when any failed."
    })
final class ConformanceCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(
      index = "0",
      arity = "0..1",
      defaultValue = "../shared/conformance",
      paramLabel = "DIR",
      description = "Folder of vector files, in the format of its README.md; default:%n${DEFAULT-VALUE}")
  Path dir;

  @Override
  public Integer call() throws Exception {
    List<CaseResult> results = ConformanceRunner.runDirectory(dir);
    var out = spec.commandLine().getOut();
    long failed = 0;
    for (CaseResult r : results) {
      if (!r.passed()) {
        failed++;
        out.println("FAIL " + r.file() + " " + r.id() + ": " + r.detail());
      }
    }
    out.println((results.size() - failed) + " passed, " + failed + " failed");
    out.flush();
    return failed == 0 ? 0 : 1;
  }
}
