package dev.ballast.sim.run;

import dev.ballast.sim.scenario.DefaultScenarios;
import dev.ballast.sim.scenario.Scenario;
import dev.ballast.sim.scenario.SettingsCatalog;
import dev.ballast.sim.trace.GenericCsvTraceReader;
import dev.ballast.sim.trace.Trace;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Small in-memory scenarios for tests. */
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
}
