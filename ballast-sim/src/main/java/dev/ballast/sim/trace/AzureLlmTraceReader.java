package dev.ballast.sim.trace;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.List;

/**
 * Reads the Azure LLM inference trace 2023 ({@code TIMESTAMP,ContextTokens,GeneratedTokens}; see
 * Azure/AzurePublicDataset AzureLLMInferenceDataset2023.md). Timestamps carry up to 7 fractional
 * digits and no zone; they are read as UTC. Time 0 is the first request.
 */
public final class AzureLlmTraceReader {
  private static final DateTimeFormatter TIMESTAMP =
      new java.time.format.DateTimeFormatterBuilder()
          .appendPattern("yyyy-MM-dd HH:mm:ss")
          .optionalStart()
          .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
          .optionalEnd()
          .optionalStart()
          .appendOffsetId()
          .optionalEnd()
          .toFormatter();

  /** Token counts above this are refused as absurd. */
  static final long MAX_TOKENS = 10_000_000;

  private AzureLlmTraceReader() {}

  public static LoadedTrace read(Path file) {
    return CsvRows.readFile(file, AzureLlmTraceReader::read);
  }

  public static LoadedTrace read(String file, InputStream in, String name) {
    LoadedTrace.Builder b = new LoadedTrace.Builder();
    double[] first = {Double.NaN};
    LocalDateTime[] origin = {null};
    CsvRows.read(
        file,
        in,
        List.of("TIMESTAMP", "ContextTokens", "GeneratedTokens"),
        row -> {
          LocalDateTime at;
          String ts = row.cell("TIMESTAMP");
          try {
            at = LocalDateTime.parse(ts, TIMESTAMP);
          } catch (DateTimeParseException e) {
            throw row.error("column 'TIMESTAMP': '" + ts + "' is not a time like 2023-11-16 18:15:46.6805900");
          }
          double seconds = at.toEpochSecond(ZoneOffset.UTC) + at.getNano() / 1e9;
          if (Double.isNaN(first[0])) {
            first[0] = seconds;
            origin[0] = at;
          }
          int input = (int) row.longCell("ContextTokens", 0, MAX_TOKENS);
          int output = (int) row.longCell("GeneratedTokens", 0, MAX_TOKENS);
          b.add(seconds, input, Math.max(1, output), 0);
        });
    if (b.size() == 0) {
      throw new TraceFormatException(file, 2, "no requests after the header");
    }
    return b.build(name, origin[0].toInstant(ZoneOffset.UTC), List.of("default"), first[0]);
  }
}
