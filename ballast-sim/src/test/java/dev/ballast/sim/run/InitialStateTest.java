package dev.ballast.sim.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.sim.scenario.Scenario;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a run starts for each contender. */
class InitialStateTest {
  @Test
  void theHpaStartsEveryServiceWithAReplicaSinceItCannotScaleFromZero(@TempDir Path dir) throws Exception {
    Scenario s = TestScenarios.threeFunctions(dir);
    RunResult hpa = Comparison.run(s, Contenders.parseAll(List.of("hpa+ca"), s.settings(), 3), 3, false, 1, r -> {}).runs().get(0);
    ServiceResult rare = hpa.services().get(1);
    assertThat(rare.requests()).isEqualTo(18);
    assertThat(rare.failed()).isZero();
    assertThat(rare.coldStartRequests()).isZero();
  }
}
