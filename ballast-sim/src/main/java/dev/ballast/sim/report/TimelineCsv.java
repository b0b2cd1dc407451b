package dev.ballast.sim.report;

import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.ballast.sim.run.Comparison;
import dev.ballast.sim.run.RunResult;
import dev.ballast.sim.run.TimelineRow;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Writes every contender's timeline (one row per step) as one CSV, decisions quoted as text. */
public final class TimelineCsv {
  static final List<String> COLUMNS =
      List.of(
          "policy",
          "time_s",
          "arrivals_per_s",
          "capacity_rps",
          "in_flight",
          "ready_replicas",
          "starting_replicas",
          "pending_replicas",
          "sleeping_replicas",
          "nodes_provisioning",
          "nodes_serving",
          "nodes_standby",
          "nodes_stopped",
          "cost_usd",
          "slo_misses",
          "decisions");

  private TimelineCsv() {}

  public static void write(Comparison.Result c, Path file) throws IOException {
    CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
    COLUMNS.forEach(schema::addColumn);
    List<List<Object>> rows = new ArrayList<>();
    for (RunResult r : c.runs()) {
      for (TimelineRow t : r.timeline()) {
        rows.add(
            List.of(
                r.policy(),
                t.timeSeconds(),
                round(t.arrivalsPerSecond()),
                round(t.capacityRequestsPerSecond()),
                t.inFlight(),
                t.readyReplicas(),
                t.startingReplicas(),
                t.pendingReplicas(),
                t.sleepingReplicas(),
                t.nodesProvisioning(),
                t.nodesServing(),
                t.nodesStandby(),
                t.nodesStopped(),
                Math.round(t.costUsd() * 1e4) / 1e4,
                t.sloMisses(),
                t.decisions()));
      }
    }
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try (Writer w = Files.newBufferedWriter(file)) {
      new CsvMapper()
          .enable(com.fasterxml.jackson.dataformat.csv.CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING)
          .writer(schema.build())
          .writeValues(w)
          .writeAll(rows);
    }
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}
