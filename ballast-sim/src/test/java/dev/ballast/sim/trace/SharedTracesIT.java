package dev.ballast.sim.trace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.sim.SharedFolder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Every reader reads the real files in ../shared/traces (where they are present). */
class SharedTracesIT {
  static final Path DIR = SharedFolder.locate("traces");

  static long count(Trace t) {
    long n = 0;
    RequestStream s = t.open(1);
    while (s.next()) {
      n++;
    }
    return n;
  }

  @Test
  void readsEachFormatFromTheSharedFolder() {
    SharedFolder.assumePresent(DIR);
    assertThat(count(Traces.read(DIR.resolve("azure-llm-2023/AzureLLMInferenceTrace_code.csv"), TraceFormat.AZURE_LLM, 1, 1))).isEqualTo(8_819);
    Trace fn = Traces.read(DIR.resolve("azure-functions-2019-sample500/invocations.csv"), TraceFormat.AZURE_FUNCTIONS, 1, 1);
    assertThat(fn.services()).hasSize(500);
    assertThat(count(fn)).isEqualTo(3_037_902);
    Trace sg = Traces.read(DIR.resolve("servegen/servegen_language_m-small_client_windows.csv.gz"), TraceFormat.SERVEGEN, 0.001, 1);
    assertThat(sg.endSeconds()).isEqualTo(14 * 86_400);
    assertThat(count(sg)).isPositive();
  }
}
