package dev.ballast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
  @TempDir Path tmp;
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  int run(String... args) {
    return Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
  }

  @Test
  void simulateWritesTheTableAndJsonWithEveryBaselineAndTheBound() throws Exception {
    Path json = tmp.resolve("out.json");
    Path timeline = tmp.resolve("t.csv");
    Path report = tmp.resolve("r.html");
    int code =
        run("simulate", "--rate-scale", "4", "--time-scale", "6", "--json", json.toString(), "--timeline", timeline.toString(),
            "--report", report.toString());
    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString()).contains("lower bound", "ballast", "static-peak", "hpa+ca", "hpa+karpenter", "keda+ca", "kpa+ca", "kpa+karpenter");
    JsonNode root = new ObjectMapper().readTree(json.toFile());
    assertThat(root.at("/bound/costUsd").asDouble()).isPositive();
    JsonNode policies = root.get("policies");
    assertThat(policies.size()).isEqualTo(7);
    for (JsonNode p : policies) {
      assertThat(p.get("name").asText()).isNotBlank();
      assertThat(p.get("boundMultiple").asDouble()).as(p.get("name").asText()).isGreaterThanOrEqualTo(1.0);
      assertThat(p.get("sloAttainment").asDouble()).isBetween(0.0, 1.0);
      assertThat(p.get("requests").asLong()).isEqualTo(p.get("served").asLong() + p.get("failed").asLong());
      assertThat(p.has("costUsd")).isTrue();
    }
    List<String> lines = Files.readAllLines(timeline);
    assertThat(lines.get(0)).startsWith("policy,time_s,arrivals_per_s");
    assertThat(lines).anyMatch(l -> l.startsWith("kpa+ca,"));
    assertThat(out.toString()).contains("report: " + report.toAbsolutePath());
    assertThat(Files.readString(report)).contains("echarts", "id=\"chart-frontier\"", "\"name\":\"kpa+karpenter\"");
  }

  @Test
  void aMalformedTraceEndsWithExitTwoNamingFileAndLine() throws Exception {
    Path bad = tmp.resolve("bad.csv");
    Files.writeString(bad, "timestamp_s,input_tokens,output_tokens\n0,10,10\n1,ten,3\n");
    int code = run("simulate", "--trace", bad.toString(), "--format", "generic", "--json", tmp.resolve("x.json").toString());
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains(bad + ":3:").contains("'ten' is not an integer").doesNotContain("Exception");
    assertThat(out.toString()).doesNotContain("lower bound");
    assertThat(tmp.resolve("x.json")).doesNotExist();
  }

  @Test
  void badOptionsAndUnknownPoliciesExitTwo() {
    assertThat(run("simulate", "--policies", "hpa+nothing")).isEqualTo(2);
    assertThat(err.toString()).contains("unknown policy 'hpa+nothing'");
    assertThat(run("simulate", "--format", "parquet", "--trace", "x")).isEqualTo(2);
    assertThat(run("simulate", "--seed", "abc")).isEqualTo(2);
  }

  @Test
  void traceOptionsThatWouldBeIgnoredAreRefused() throws Exception {
    assertThat(run("simulate", "--format", "servegen", "--no-report")).as("the embedded trace has its own format").isEqualTo(2);
    assertThat(err.toString()).contains("--format describes the file given with --trace");
    assertThat(run("forecast", "--format", "servegen")).isEqualTo(2);
    Path cfg = tmp.resolve("c.yaml");
    Files.writeString(cfg, "name: c\n");
    assertThat(run("simulate", "--config", cfg.toString(), "--rate-scale", "3", "--no-report")).isEqualTo(2);
    assertThat(err.toString()).contains("set rateScale and timeScale in the file's trace section");
  }

  @Test
  void helpListsEveryOption() {
    assertThat(run("simulate", "--help")).isZero();
    assertThat(out.toString())
        .contains("--trace", "--format", "--policies", "--seed", "--config", "--timeline", "--json", "--rate-scale", "--time-scale", "--set");
    String help = out.toString().replaceAll("\\s+", "");
    for (String family : java.util.List.of("keda", "kpa", "static-peak", "ballast")) { // the grids --sweep runs, as it runs them
      assertThat(help).contains(family + dev.ballast.sim.run.Sweeps.grid(family));
    }
  }

  @Test
  void conformancePrintsTheTallyAndFailsOnABadVector() throws Exception {
    Files.writeString(
        tmp.resolve("v.json"),
        """
        {"algorithm": "hpa-behavior", "cases": [
          {"id": "ok", "inputs": {"kind": "bounds-legacy", "currentReplicas": 5, "desiredReplicas": 7, "minReplicas": 3, "maxReplicas": 8},
           "expected": {"replicas": 7, "limitReason": "DesiredWithinRange"}},
          {"id": "wrong", "inputs": {"kind": "bounds-legacy", "currentReplicas": 5, "desiredReplicas": 7, "minReplicas": 3, "maxReplicas": 8},
           "expected": {"replicas": 6}}]}
        """);
    assertThat(run("conformance", tmp.toString())).isEqualTo(1);
    assertThat(out.toString()).contains("FAIL v.json wrong").endsWith("1 passed, 1 failed" + System.lineSeparator());
    assertThat(run("conformance", tmp.resolve("missing").toString())).isEqualTo(2);
  }

  @Test
  void aScenarioFileWithABadFieldIsRefusedWithItsPath() throws Exception {
    Path cfg = tmp.resolve("s.yaml");
    Files.writeString(cfg, "services:\n  - id: default\n    slo: {ttft: 2s, share: 1.5}\n");
    assertThat(run("simulate", "--config", cfg.toString())).isEqualTo(2);
    assertThat(err.toString()).contains(cfg + ": services[default]").contains("SLO share must be in (0, 1], got 1.5");
    Files.writeString(cfg, "servics: []\n");
    assertThat(run("simulate", "--config", cfg.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("Unrecognized field \"servics\"");
  }

  @Test
  void recommendWithoutAClusterSaysWhereItLookedAndHowToFixIt() {
    System.setProperty("kubernetes.master", "http://127.0.0.1:1");
    try {
      int code = run("recommend", "--health-port", "-1", "--extender-port", "-1", "--no-leader-election");
      assertThat(code).isEqualTo(Main.EXIT_BAD_INPUT);
      assertThat(err.toString()).contains("cannot run: the Kubernetes API at http://127.0.0.1:1", "does not answer", "KUBECONFIG");
    } finally {
      System.clearProperty("kubernetes.master");
    }
  }

  @Test
  void theWebhookWithoutACertificateIsRefusedBeforeAnythingStarts() {
    assertThat(run("run", "--webhook-port", "8443")).isEqualTo(Main.EXIT_BAD_INPUT);
    assertThat(err.toString()).contains("the webhook needs --webhook-cert and --webhook-key");
  }
}
