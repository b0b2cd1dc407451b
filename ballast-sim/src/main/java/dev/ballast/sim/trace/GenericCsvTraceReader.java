package dev.ballast.sim.trace;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a generic request CSV: {@code timestamp_s,input_tokens,output_tokens} with an optional
 * {@code service} column. Time 0 is the trace origin; rows may come in any order.
 */
public final class GenericCsvTraceReader {
  private GenericCsvTraceReader() {}

  public static LoadedTrace read(Path file) {
    return CsvRows.readFile(file, GenericCsvTraceReader::read);
  }

  public static LoadedTrace read(String file, InputStream in, String name) {
    LoadedTrace.Builder b = new LoadedTrace.Builder();
    Map<String, Integer> serviceIndex = new HashMap<>();
    List<String> services = new ArrayList<>();
    CsvRows.read(
        file,
        in,
        List.of("timestamp_s", "input_tokens", "output_tokens"),
        row -> {
          double t = row.doubleCell("timestamp_s", 0, 1e10);
          int input = (int) row.longCell("input_tokens", 0, AzureLlmTraceReader.MAX_TOKENS);
          int output = (int) row.longCell("output_tokens", 1, AzureLlmTraceReader.MAX_TOKENS);
          String service = row.has("service") ? row.cell("service") : "default";
          int idx =
              serviceIndex.computeIfAbsent(
                  service,
                  s -> {
                    services.add(s);
                    return services.size() - 1;
                  });
          b.add(t, input, output, idx);
        });
    if (b.size() == 0) {
      throw new TraceFormatException(file, 2, "no requests after the header");
    }
    return b.build(name, Instant.EPOCH, services, 0);
  }
}
