package dev.ballast.sim.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.sim.SharedFolder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every upstream vector in ../shared/conformance passes against the HPA and KPA baselines. */
class ConformanceTest {
  static final Path DIR = SharedFolder.locate("conformance");

  static Stream<Arguments> vectors() throws Exception {
    SharedFolder.assumePresent(DIR);
    return ConformanceRunner.runDirectory(DIR).stream().map(r -> Arguments.of(r.file() + ":" + r.id(), r));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void vectorPasses(String name, CaseResult result) {
    assertThat(result.passed()).as(result.detail()).isTrue();
  }

  @Test
  void allThreeFilesAreRead() throws Exception {
    SharedFolder.assumePresent(DIR);
    List<CaseResult> all = ConformanceRunner.runDirectory(DIR);
    assertThat(all).extracting(CaseResult::file).contains("hpa-replica-calc.json", "hpa-behavior.json", "kpa.json");
    assertThat(all).hasSize(145);
  }

  @Test
  void aWrongExpectationFails(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
    Files.writeString(
        tmp.resolve("bad.json"),
        """
        {"algorithm": "hpa-behavior", "cases": [
          {"id": "bounds", "inputs": {"kind": "bounds-legacy", "currentReplicas": 5, "desiredReplicas": 7,
            "minReplicas": 3, "maxReplicas": 8}, "expected": {"replicas": 6}}]}
        """);
    List<CaseResult> r = ConformanceRunner.runDirectory(tmp);
    assertThat(r).singleElement().satisfies(c -> {
      assertThat(c.passed()).isFalse();
      assertThat(c.detail()).contains("replicas 7 != expected 6");
    });
  }
}
