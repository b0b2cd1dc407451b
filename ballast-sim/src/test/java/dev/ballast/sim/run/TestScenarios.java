package dev.ballast.sim.run;

import dev.ballast.sim.scenario.DefaultScenarios;
import dev.ballast.sim.scenario.Scenario;
import dev.ballast.sim.scenario.SettingsCatalog;
import dev.ballast.sim.trace.AzureFunctionsTraceReader;
import dev.ballast.sim.trace.GenericCsvTraceReader;
import dev.ballast.sim.trace.Trace;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** Small scenarios for tests. */
public final class TestScenarios {
  private TestScenarios() {}

  /** A trace from generic CSV text. */
  public static Trace csv(String text) {
    return GenericCsvTraceReader.read("test.csv", new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "test");
  }

  /** The default scenario around a CSV trace, with settings overrides. */
  public static Scenario of(String csv, Map<String, ?> settings) {
    return DefaultScenarios.forTrace("test", csv(csv), SettingsCatalog.defaults().with(settings));
  }

  /**
   * Three functions over 40 minutes: one busy every minute, one first called after the ten-minute
   * warm-up and then every ten minutes, one called only in the warm-up.
   */
  public static Scenario threeFunctions(Path dir) throws IOException {
    String minutes = IntStream.rangeClosed(1, 40).mapToObj(String::valueOf).collect(Collectors.joining(","));
    String busy = IntStream.rangeClosed(1, 40).mapToObj(m -> "20").collect(Collectors.joining(","));
    String rare = IntStream.rangeClosed(1, 40).mapToObj(m -> m >= 15 && m % 10 == 5 ? "6" : "0").collect(Collectors.joining(","));
    String early = IntStream.rangeClosed(1, 40).mapToObj(m -> m <= 3 ? "2" : "0").collect(Collectors.joining(","));
    String csv =
        "HashOwner,HashApp,HashFunction,Trigger," + minutes + "\n"
            + "o,a,busy00000000,http," + busy + "\n"
            + "o,a,rare00000000,timer," + rare + "\n"
            + "o,a,early0000000,http," + early + "\n";
    Path file = Files.writeString(dir.resolve("invocations.csv"), csv);
    Trace trace = AzureFunctionsTraceReader.read(file, AzureFunctionsTraceReader.TokenMapping.DEFAULT);
    return DefaultScenarios.forTrace("three functions", trace, SettingsCatalog.defaults());
  }
}
