package dev.ballast.sim.trace;

import dev.ballast.core.placement.PodShape;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the Alibaba GPU-sharing trace of 2023 (cluster-trace-gpu-v2023, the FGD paper's input):
 * node lists ({@code sn, cpu_milli, memory_mib, gpu, model}) and pod lists ({@code name,
 * cpu_milli, memory_mib, num_gpu, gpu_milli}, optionally {@code gpu_spec}). The trace is for
 * research use only, so it is read where it lies and never copied.
 */
public final class OpenbTraceReader {
  private OpenbTraceReader() {}

  /** One node of the list. */
  public record NodeSpec(String name, long cpuMilli, long memoryMib, int gpus, String model) {}

  public static List<NodeSpec> nodes(Path file) {
    List<NodeSpec> out = new ArrayList<>();
    read(file, List.of("sn", "cpu_milli", "memory_mib", "gpu", "model"), row -> out.add(new NodeSpec(
        row.cell("sn"),
        row.longCell("cpu_milli", 0, Long.MAX_VALUE),
        row.longCell("memory_mib", 0, Long.MAX_VALUE),
        (int) row.longCell("gpu", 0, 64),
        row.has("model") ? row.cell("model") : "")));
    return out;
  }

  public static List<PodShape> pods(Path file) {
    List<PodShape> out = new ArrayList<>();
    read(file, List.of("name", "cpu_milli", "memory_mib", "num_gpu", "gpu_milli"), row -> {
      int gpus = (int) row.longCell("num_gpu", 0, 64);
      long milli = row.longCell("gpu_milli", 0, Long.MAX_VALUE);
      int perGpu = gpus == 0 ? 0 : (int) Math.min(PodShape.MILLI, Math.max(1, milli)); // as the trace's own YAML conversion clamps it
      try {
        out.add(new PodShape(
            row.cell("name"),
            row.longCell("cpu_milli", 0, Long.MAX_VALUE),
            row.longCell("memory_mib", 0, Long.MAX_VALUE),
            gpus,
            perGpu,
            row.has("gpu_spec") ? row.cell("gpu_spec") : ""));
      } catch (IllegalArgumentException e) {
        throw row.error(e.getMessage());
      }
    });
    return out;
  }

  private static void read(Path file, List<String> required, java.util.function.Consumer<CsvRows.Row> sink) {
    try (InputStream in = Files.newInputStream(file)) {
      CsvRows.read(file.toString(), in, required, sink);
    } catch (NoSuchFileException e) {
      throw new TraceFormatException(file.toString(), 0, "no such file");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
