package dev.ballast.sim.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ballast.sim.run.Comparison;
import dev.ballast.sim.run.Contenders;
import dev.ballast.sim.run.TestScenarios;
import dev.ballast.sim.scenario.Scenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RequestsCsvTest {
  @Test
  void theMeasuredRequestsAreTheOnesTheBoundCountsWithTheirWork(@TempDir Path dir) throws Exception {
    Scenario s = TestScenarios.threeFunctions(dir);
    Comparison.Result c = Comparison.run(s, Contenders.parseAll(List.of("ballast"), s.settings(), 3), 3, false, 1, r -> {});
    Path file = dir.resolve("out").resolve("requests.csv");

    long written = RequestsCsv.write(c, file);

    List<String> lines = Files.readAllLines(file);
    assertThat(lines.get(0)).isEqualTo("arrival_s,service,prompt_tokens,output_tokens,prefill_gpu_s,decode_gpu_s");
    assertThat(lines).hasSize((int) written + 1);
    assertThat(written).isEqualTo(c.bound().requests()).isPositive();
    double gpuSeconds = 0;
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",");
      assertThat(Double.parseDouble(f[0])).isGreaterThanOrEqualTo(600); // after the ten-minute warm-up
      assertThat(f[1]).isIn("fn-busy0000", "fn-rare0000"); // the early function's requests all fall in the warm-up
      int prompt = Integer.parseInt(f[2]);
      assertThat(Double.parseDouble(f[4])).isCloseTo(prompt / 40_000.0, within(1e-8)); // H100 prefills 40k tokens/s
      gpuSeconds += Double.parseDouble(f[4]) + Double.parseDouble(f[5]);
    }
    assertThat(gpuSeconds / 3600).isCloseTo(c.bound().gpuHours(), within(1e-6));
  }
}
