package dev.ballast.sim.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.sim.report.ResultJson;
import dev.ballast.sim.scenario.DefaultScenarios;
import dev.ballast.sim.scenario.Scenario;
import dev.ballast.sim.scenario.SettingsCatalog;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** Invariants of every run: accounting, the bound, determinism. */
class TwinPropertiesTest {

  @Provide
  Arbitrary<String> traces() {
    Arbitrary<String> row =
        Combinators.combine(
                Arbitraries.doubles().between(0, 900).ofScale(3),
                Arbitraries.integers().between(0, 8_000),
                Arbitraries.integers().between(1, 2_000),
                Arbitraries.of("a", "b", "c"))
            .as((t, in, out, svc) -> t + "," + in + "," + out + "," + svc);
    return row.list().ofMinSize(1).ofMaxSize(400).map(rows -> "timestamp_s,input_tokens,output_tokens,service\n" + String.join("\n", rows));
  }

  @Property(tries = 25)
  void everyRequestIsServedOrCountedAsFailedAndCostIsAtLeastTheBound(
      @ForAll("traces") String csv, @ForAll("contenders") String contender) {
    Scenario s = TestScenarios.of(csv, Map.of("run.settle", "60s", "run.warmup", "0s"));
    RunResult r = new Twin(s, Contenders.parse(contender, s.settings(), 1), 1, false).run();
    long total = csv.lines().count() - 1;
    assertThat(r.requests()).isEqualTo(total);
    assertThat(r.served() + r.failed()).isEqualTo(total);
    assertThat(r.failures().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(r.failed());
    assertThat(r.costUsd()).isGreaterThanOrEqualTo(r.servedBoundUsd());
    assertThat(r.coldStartRequests()).isBetween(0L, r.requests());
    assertThat(r.idleGpuHours()).isBetween(0.0, r.gpuHours());
    assertThat(r.services().stream().mapToLong(ServiceResult::requests).sum()).isEqualTo(total);
    assertThat(r.services().stream().mapToDouble(ServiceResult::heldUsd).sum()).isBetween(0.0, r.costUsd() + 1e-6);
  }

  @Provide
  Arbitrary<String> contenders() {
    return Arbitraries.of(java.util.stream.Stream.concat(Contenders.BASELINES.stream(), Contenders.REFERENCES.stream()).toList());
  }

  @Test
  void theBoundIsBelowEveryContenderOnTheDefaultScenario() {
    Scenario s = DefaultScenarios.embeddedConversation(SettingsCatalog.defaults(), 5, 4);
    Comparison.Result c = Comparison.run(s, Contenders.parseAll(Contenders.BASELINES, s.settings(), 3), 3, false, 2, r -> {});
    assertThat(c.bound().costUsd()).isPositive();
    for (RunResult r : c.runs()) {
      assertThat(r.costUsd()).as(r.policy()).isGreaterThanOrEqualTo(r.servedBoundUsd());
      if (r.failed() == 0) {
        assertThat(r.costUsd()).as(r.policy()).isGreaterThanOrEqualTo(c.bound().costUsd());
      }
    }
  }

  @Test
  void theSameInputsAndSeedGiveByteIdenticalJson() throws Exception {
    Scenario s = DefaultScenarios.embeddedConversation(SettingsCatalog.defaults(), 3, 6);
    List<Contender> cs = Contenders.parseAll(Contenders.BASELINES, s.settings(), 11);
    String a = ResultJson.toString(Comparison.run(s, cs, 11, false, 2, r -> {}));
    String b = ResultJson.toString(Comparison.run(s, Contenders.parseAll(Contenders.BASELINES, s.settings(), 11), 11, false, 1, r -> {}));
    assertThat(a).isEqualTo(b);
    String other = ResultJson.toString(Comparison.run(s, Contenders.parseAll(Contenders.BASELINES, s.settings(), 12), 12, false, 2, r -> {}));
    assertThat(other).isNotEqualTo(a);
  }
}
