package dev.ballast.sim.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.core.catalog.DefaultCatalog;
import dev.ballast.core.service.ServiceSpec;
import dev.ballast.core.service.Slo;
import dev.ballast.core.spi.NodePool;
import dev.ballast.sim.scenario.Scenario;
import dev.ballast.sim.scenario.SettingsCatalog;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where a service may run on several GPU types, Ballast adds capacity on the cheapest per SLO request. */
class BallastGpuChoiceTest {
  @Test
  void shortChatTurnsGrowOnTheGpuThatServesThemCheapest() {
    StringBuilder csv = new StringBuilder("timestamp_s,input_tokens,output_tokens\n");
    for (int i = 0; i < 60_000; i++) {
      csv.append(i * 0.02).append(",300,100\n"); // 50 req/s of short turns for 20 minutes
    }
    var trace = TestScenarios.csv(csv.toString());
    var settings = SettingsCatalog.defaults().with(Map.of("run.warmup", "0s", "run.settle", "60s"));
    ServiceSpec svc = new ServiceSpec("default", "llama-3.1-8b", Slo.interactiveDefault(), 1, 200, List.of("H100-80GB", "H200"));
    Scenario s =
        new Scenario(
            "short-turns", trace, DefaultCatalog.get(), List.of(svc), Map.of("default", "H100-80GB"),
            List.of(new NodePool("h100", "p5.4xlarge", 0, 200), new NodePool("h200", "p5en.48xlarge", 0, 50)), settings);
    RunResult r = new Twin(s, Contenders.parse("ballast", settings, 1), 1, true).run();
    List<String> scaleUps = r.timeline().stream().map(TimelineRow::decisions).filter(d -> d.contains("replicas;")).toList();
    assertThat(scaleUps).isNotEmpty();
    assertThat(scaleUps).allMatch(d -> d.contains(" on H200"));
    assertThat(scaleUps.get(0)).contains("H200 $", "H100-80GB $", "per 1k SLO requests");
    assertThat(r.failed()).isZero();
  }
}
