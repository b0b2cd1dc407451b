package dev.ballast.sim.placement;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The FGD paper's published results (its simulator's {@code expected_results/analysis_allo_discrete.csv}):
 * the mean, over its ten seeds, of the GPU share left unallocated at 130 % load, per trace and policy.
 */
public final class PublishedResults {
  private final Map<String, double[]> sums = new HashMap<>(); // key trace/policy -> {sum, count}

  private static final Map<String, String> POLICY = Map.of(
      "01-Random", "random", "02-DotProd", "dotprod", "03-GpuClustering", "gpuclustering", "04-GpuPacking", "gpupacking", "05-BestFit", "bestfit", "06-FGD", "fgd");

  /** Reads the file if it is there; empty otherwise. */
  public static PublishedResults read(Path file) {
    PublishedResults r = new PublishedResults();
    if (file == null || !Files.isRegularFile(file)) {
      return r;
    }
    try {
      List<String> lines = Files.readAllLines(file);
      for (String line : lines.subList(1, lines.size())) {
        String[] c = line.split(",");
        String policy = POLICY.get(c[1]);
        if (policy == null || c.length < 6) {
          continue;
        }
        String trace = c[0].replace("openb_pod_list_", "");
        double unallocated = 100 - Double.parseDouble(c[c.length - 1]);
        double[] acc = r.sums.computeIfAbsent(trace + "/" + policy, k -> new double[2]);
        acc[0] += unallocated;
        acc[1]++;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(file + ": not the expected analysis_allo_discrete.csv layout: " + e.getMessage(), e);
    }
    return r;
  }

  /** The published mean, or NaN. */
  public double mean(String trace, String policy) {
    double[] acc = sums.get(trace + "/" + policy);
    return acc == null ? Double.NaN : acc[0] / acc[1];
  }

  public boolean isEmpty() {
    return sums.isEmpty();
  }
}
