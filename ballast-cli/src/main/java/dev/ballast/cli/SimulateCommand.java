package dev.ballast.cli;

import dev.ballast.core.config.Settings;
import dev.ballast.sim.report.Frontier;
import dev.ballast.sim.report.HtmlReport;
import dev.ballast.sim.report.FrontierTable;
import dev.ballast.sim.report.ResultJson;
import dev.ballast.sim.report.ResultTable;
import dev.ballast.sim.report.RequestsCsv;
import dev.ballast.sim.report.TimelineCsv;
import dev.ballast.sim.run.Comparison;
import dev.ballast.sim.run.Contender;
import dev.ballast.sim.run.Contenders;
import dev.ballast.sim.run.Sweeps;
import dev.ballast.sim.scenario.DefaultScenarios;
import dev.ballast.sim.scenario.Scenario;
import dev.ballast.sim.scenario.ScenarioLoader;
import dev.ballast.sim.scenario.SettingsCatalog;
import dev.ballast.sim.trace.Trace;
import dev.ballast.sim.trace.TraceFormat;
import dev.ballast.sim.trace.Traces;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ballast simulate}: replays a trace against Ballast, the baselines and the lower bound. */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Replays a request trace through the twin: simulated nodes, pods and request-level serving, with every"
          + " policy on the same trace and seed, beside the work-conserving lower bound on cost.",
      "",
      "With no options it runs the embedded default: the Azure LLM 2023 conversation trace (CC-BY 4.0) at 50x"
          + " its rate, Llama-3.1-8B on H100, TTFT SLO 2 s for 99 %% of requests, against every baseline,"
          + " and writes the HTML report ballast-report.html.",
      ""
    },
    footer = {
      "",
      "Exit codes: 0 done; 2 bad input (a missing or malformed trace, or a bad config; nothing was simulated).",
      "Examples:",
      "  ballast simulate",
      "  ballast simulate --rate-scale 20 \\",
      "      --trace ../shared/traces/azure-llm-2023/AzureLLMInferenceTrace_code.csv",
      "  ballast simulate --policies hpa+ca@50,hpa+ca@90,kpa+karpenter \\",
      "      --json out.json --timeline out.csv",
      "  ballast simulate --format azure-functions --policies ballast,kpa+ca,keda+ca \\",
      "      --trace ../shared/traces/azure-functions-2019-sample500/invocations.csv"
    })
final class SimulateCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--trace", paramLabel = "PATH", description = "Trace file to replay (default: the embedded Azure conversation trace).")
  Path trace;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "Format of the --trace file: azure-llm, generic, azure-functions or servegen (default: azure-llm).")
  String format;

  @Option(
      names = "--policies",
      paramLabel = "LIST",
      split = ",",
      description =
          "Comma-separated contenders (default: ballast and every baseline): ballast (variants:"
              + " ballast-forecast, ballast-no-stopped, ballast-warm, ballast-cost, ballast-slo-first), static-peak, or hpa|keda|kpa"
              + " paired with ca|karpenter (e.g. hpa+ca, kpa+karpenter), or clairvoyant+ca|karpenter (reads the whole trace ahead:"
              + " a reference, not an autoscaler). name@value sets the main knob: hpa/keda target percent of the batch limit, kpa"
              + " target concurrency, static-peak and clairvoyant utilization percent, ballast target SLO share.")
  List<String> policies;

  @Option(
      names = "--sweep",
      description = "Run each contender over its knob grid (hpa/keda 30,50,70,90; kpa 25,50,100,150; static-peak 25,40,55,70,85,100;"
          + " clairvoyant 25,40,55,70,85,100,120; ballast 0.5,0.7,0.8,0.9,0.95,0.98,0.99,0.995) and print the cost-SLO frontier.")
  boolean sweep;

  @Option(names = "--seed", defaultValue = "1", description = "Seed for every random draw (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--config", paramLabel = "FILE", description = "YAML scenario: catalog overrides, node pools, services and SLOs, settings (docs/configuration.md).")
  Path config;

  @Option(names = "--rate-scale", paramLabel = "X", description = "Multiply the trace's request rate by X (default: 50 for the embedded trace, else 1).")
  Double rateScale;

  @Option(names = "--time-scale", paramLabel = "X", description = "Replay X times faster (default: 1).")
  Double timeScale;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a setting (repeatable); keys in docs/configuration.md.")
  List<String> sets = new ArrayList<>();

  @Option(names = "--timeline", paramLabel = "FILE.csv", description = "Write a per-step timeline (10 s by default) of every policy, with decisions and reasons.")
  Path timeline;

  @Option(
      names = "--requests",
      paramLabel = "FILE.csv",
      description = "Write the measured requests (after the warm-up, as replayed: arrival, tokens, and the bound's prefill and decode GPU-seconds) for offline analysis.")
  Path requests;

  @Option(names = "--json", paramLabel = "FILE", description = "Write the full result as JSON (schema: docs/simulate.md).")
  Path json;

  @Option(
      names = "--report",
      paramLabel = "FILE.html",
      defaultValue = "ballast-report.html",
      description = "Write a self-contained HTML report with charts (default: ${DEFAULT-VALUE}).")
  Path report;

  @Option(names = "--no-report", description = "Write no HTML report.")
  boolean noReport;

  @Option(names = "--threads", paramLabel = "N", description = "Policies simulated in parallel (default: the number of cores).")
  Integer threads;

  @Override
  public Integer call() throws Exception {
    Settings settings = SettingsCatalog.defaults().with(parseSets(sets));
    Scenario scenario = scenario(settings);
    List<String> names = policies == null ? Contenders.DEFAULT : policies;
    if (sweep) {
      names = Sweeps.expand(names);
    }
    List<Contender> contenders = Contenders.parseAll(names, scenario.settings(), seed);
    PrintWriter out = spec.commandLine().getOut();
    var err = System.err;
    Comparison.Result result;
    try (Progress progress = new Progress(contenders.size(), err, Progress.terminalAttached())) {
      int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
      result = Comparison.run(scenario, contenders, seed, timeline != null || !noReport, n, progress::started, r -> {});
    }
    out.println("scenario: " + scenario.name() + ", seed " + seed + ", " + result.bound().requests() + " requests over "
        + Math.round(scenario.trace().endSeconds()) + " s");
    out.print(ResultTable.render(result));
    Frontier frontier = Frontier.of(result.runs());
    if (frontier.families().values().stream().anyMatch(l -> l.size() > 1) || frontier.families().containsKey("ballast")) {
      out.print(FrontierTable.render(frontier, result.bound().costUsd()));
    }
    if (json != null) {
      ResultJson.write(result, json);
      out.println("wrote " + json);
    }
    if (timeline != null) {
      TimelineCsv.write(result, timeline);
      out.println("wrote " + timeline);
    }
    if (requests != null) {
      out.println("wrote " + RequestsCsv.write(result, requests) + " requests to " + requests);
    }
    if (!noReport) {
      HtmlReport.write(result, report);
      out.println("report: " + report.toAbsolutePath().normalize());
    }
    out.flush();
    return 0;
  }

  private Scenario scenario(Settings settings) {
    if (trace == null && format != null) {
      throw new IllegalArgumentException("--format describes the file given with --trace"
          + (config != null ? "; the --config file's trace section names its own format" : "; the embedded trace is azure-llm"));
    }
    if (config != null && trace == null && (rateScale != null || timeScale != null)) {
      throw new IllegalArgumentException("--rate-scale and --time-scale apply to --trace or the embedded trace; with --config alone,"
          + " set rateScale and timeScale in the file's trace section");
    }
    if (config != null) {
      return ScenarioLoader.load(config, settings, trace == null ? null : read(settings));
    }
    if (trace == null) {
      double rate = rateScale == null ? DefaultScenarios.CONVERSATION_RATE_SCALE : rateScale;
      return DefaultScenarios.embeddedConversation(settings, rate, timeScale());
    }
    Trace t = read(settings);
    return DefaultScenarios.forTrace(t.name(), t, settings);
  }

  private Trace read(Settings settings) {
    return Traces.read(trace, TraceFormat.parse(format == null ? "azure-llm" : format), rateScale == null ? 1 : rateScale, timeScale());
  }

  private double timeScale() {
    return timeScale == null ? 1 : timeScale;
  }

  static Map<String, String> parseSets(List<String> sets) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String s : sets) {
      int eq = s.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("--set takes KEY=VALUE, got '" + s + "'");
      }
      m.put(s.substring(0, eq).trim(), s.substring(eq + 1).trim());
    }
    return m;
  }
}
