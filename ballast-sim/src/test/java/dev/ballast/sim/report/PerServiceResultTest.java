package dev.ballast.sim.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ballast.core.service.ServiceSpec;
import dev.ballast.core.service.Slo;
import dev.ballast.sim.run.Comparison;
import dev.ballast.sim.run.Contenders;
import dev.ballast.sim.run.RunResult;
import dev.ballast.sim.run.ServiceResult;
import dev.ballast.sim.run.TestScenarios;
import dev.ballast.sim.scenario.Scenario;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PerServiceResultTest {
  @Test
  void eachServicesOwnRequestsAddUpToTheRunsTotals(@TempDir Path dir) throws Exception {
    Scenario s = TestScenarios.threeFunctions(dir);
    Comparison.Result c = Comparison.run(s, Contenders.parseAll(List.of("ballast", "kpa+ca"), s.settings(), 3), 3, false, 2, r -> {});
    for (RunResult r : c.runs()) {
      assertThat(r.services()).extracting(ServiceResult::serviceId).containsExactly("fn-busy0000", "fn-rare0000", "fn-early000");
      assertThat(r.services().stream().mapToLong(ServiceResult::requests).sum()).isEqualTo(r.requests());
      assertThat(r.services().stream().mapToLong(ServiceResult::failed).sum()).isEqualTo(r.failed());
      assertThat(r.services().stream().mapToLong(ServiceResult::coldStartRequests).sum()).isEqualTo(r.coldStartRequests());
      double within = r.services().stream().mapToLong(ServiceResult::withinSlo).sum();
      assertThat(within / r.requests()).isCloseTo(r.sloAttainment(), within(1e-12));
      // the early function's requests all fall in the ten-minute warm-up: it is not measured, so it neither meets nor misses
      assertThat(r.services().get(2).requests()).isZero();
      assertThat(r.servicesMeasured()).isEqualTo(2);
      // what the services' pods held is part of the bill, never more; something held the busy function's GPU
      double held = r.services().stream().mapToDouble(ServiceResult::heldUsd).sum();
      assertThat(held).isLessThanOrEqualTo(r.costUsd() + 1e-6);
      assertThat(r.services().get(0).heldUsd()).isPositive();
      assertThat(r.services()).allSatisfy(x -> assertThat(x.heldUsd()).isGreaterThanOrEqualTo(0));
      assertThat(r.servicesMeetingSlo()).isEqualTo(r.services().stream().filter(x -> x.requests() > 0 && x.attainment() >= 0.99).count());
    }
    String table = ResultTable.render(c);
    assertThat(table).contains("per service").contains("99 % within 2 s for every service");
    for (RunResult r : c.runs()) {
      assertThat(table).containsPattern(r.policy().replace("+", "\\+") + " +" + r.servicesMeetingSlo() + " of 2 ");
    }
    String html = HtmlReport.render(c);
    assertThat(html).contains("<table id=\"per-service\">", "99 % within 2 s for every service");
    for (RunResult r : c.runs()) {
      assertThat(html).contains("<tr><td>" + r.policy() + "</td><td>" + r.servicesMeetingSlo() + " of 2</td>");
    }
    JsonNode json = new ObjectMapper().readTree(ResultJson.toString(c));
    JsonNode first = json.get("policies").get(0);
    assertThat(first.get("servicesMeasured").asLong()).isEqualTo(2);
    assertThat(first.get("services")).hasSize(3);
    assertThat(first.get("services").get(0).get("id").asText()).isEqualTo("fn-busy0000");
    assertThat(first.get("services").get(0).get("requests").asLong()).isEqualTo(c.runs().get(0).services().get(0).requests());
  }

  @Test
  void aSingleServiceRunPrintsNoPerServiceSection() {
    Scenario s = TestScenarios.of("timestamp_s,input_tokens,output_tokens\n0,100,10\n30,100,10\n700,100,10\n", Map.of());
    Comparison.Result c = Comparison.run(s, Contenders.parseAll(List.of("hpa+ca"), s.settings(), 1), 1, false, 1, r -> {});
    assertThat(c.runs().get(0).services()).hasSize(1);
    assertThat(ResultTable.render(c)).doesNotContain("per service");
    assertThat(HtmlReport.render(c)).doesNotContain("per-service");
  }

  @Test
  void aServiceMeetsItsSloOnlyAtItsTargetShareOfItsOwnRequests() {
    assertThat(new ServiceResult("f", 100, 99, 0, 1, 0.99, 0).meetsSlo()).isTrue();
    assertThat(new ServiceResult("f", 100, 98, 1, 2, 0.99, 0).meetsSlo()).isFalse();
    assertThat(new ServiceResult("f", 35, 34, 0, 1, 0.99, 0).meetsSlo()).isFalse(); // 97.1 %
    assertThat(new ServiceResult("f", 0, 0, 0, 0, 0.99, 0).meetsSlo()).isFalse();
    assertThat(new ServiceResult("f", 0, 0, 0, 0, 0.99, 0).attainment()).isEqualTo(1.0);
  }

  @Test
  void theTargetsLineNamesEachDistinctSloWithHowManyServicesHaveIt() {
    ServiceSpec chat = new ServiceSpec("chat", "llama-3.1-8b", new Slo(java.time.Duration.ofSeconds(2), 0.99), 0, 10);
    ServiceSpec batch = new ServiceSpec("batch", "llama-3.1-8b", new Slo(java.time.Duration.ofMillis(1500), 0.95), 0, 10);
    assertThat(ServiceSloSummary.targets(List.of(chat, chat))).isEqualTo("99 % within 2 s for every service");
    assertThat(ServiceSloSummary.targets(List.of(batch, chat, chat)))
        .isEqualTo("99 % within 2 s for 2 services; 95 % within 1.5 s for 1 service");
  }
}
