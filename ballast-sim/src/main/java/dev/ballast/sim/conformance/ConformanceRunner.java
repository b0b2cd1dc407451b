package dev.ballast.sim.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Runs conformance vectors (the format of {@code ../shared/conformance/README.md}) against the HPA
 * and KPA baselines. Vectors are read-only: a failure means the baseline differs from upstream.
 */
public final class ConformanceRunner {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ConformanceRunner() {}

  /** Runs every {@code *.json} vector file in {@code dir} (not recursive), in name order. */
  public static List<CaseResult> runDirectory(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new IOException("no conformance folder at " + dir.toAbsolutePath());
    }
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
    }
    List<CaseResult> results = new ArrayList<>();
    for (Path f : files) {
      results.addAll(runFile(f));
    }
    return results;
  }

  public static List<CaseResult> runFile(Path file) throws IOException {
    JsonNode root = JSON.readTree(file.toFile());
    String algorithm = root.path("algorithm").asText("");
    String name = file.getFileName().toString();
    List<CaseResult> results = new ArrayList<>();
    for (JsonNode c : root.path("cases")) {
      String id = c.path("id").asText("?");
      String diff;
      try {
        diff =
            switch (algorithm) {
              case "hpa-replica-calc" -> HpaVectors.replicaCalc(c.get("inputs"), c.get("expected"));
              case "hpa-behavior" -> HpaVectors.behavior(c.get("inputs"), c.get("expected"));
              case "kpa" -> KpaVectors.run(c.get("inputs"), c.get("expected"));
              default -> "unknown algorithm '" + algorithm + "'";
            };
      } catch (RuntimeException e) {
        diff = "could not run: " + e;
      }
      results.add(new CaseResult(name, id, diff == null, diff == null ? "" : diff));
    }
    return results;
  }
}
