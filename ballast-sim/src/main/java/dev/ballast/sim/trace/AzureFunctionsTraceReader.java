package dev.ballast.sim.trace;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Reads the Azure Functions 2019 per-minute invocation counts ({@code invocations.csv}: owner, app,
 * function, trigger, then one column per minute of the day). Each function becomes a service. The
 * invocations of a minute arrive at independent uniform times within it (a Poisson process given
 * its count), drawn from the seeded generator.
 *
 * <p>A function is not an LLM call, so its requests take a fixed prompt length, and an output length
 * that maps the function's mean execution time ({@code durations.csv}, when present beside it) to
 * tokens at {@code msPerOutputToken}. That keeps the services' relative weights as in the trace.
 */
public final class AzureFunctionsTraceReader {
  private static final int FIXED_COLUMNS = 4;

  private AzureFunctionsTraceReader() {}

  /** The shape of requests made from invocations. */
  public record TokenMapping(int inputTokens, double msPerOutputToken, int defaultOutputTokens, int maxOutputTokens) {
    public static final TokenMapping DEFAULT = new TokenMapping(512, 10.0, 64, 2048);
  }

  public static Trace read(Path invocations, TokenMapping mapping) {
    Map<String, Double> durations = new HashMap<>();
    Path durationsFile = invocations.resolveSibling("durations.csv");
    if (Files.exists(durationsFile)) {
      try (InputStream in = Files.newInputStream(durationsFile)) {
        CsvRows.read(
            durationsFile.toString(),
            in,
            List.of("HashOwner", "HashApp", "HashFunction", "Average"),
            row -> durations.put(key(row), row.doubleCell("Average", 0, 1e9)));
      } catch (IOException e) {
        throw new TraceFormatException(durationsFile.toString(), 0, "cannot open: " + e.getMessage());
      }
    }
    try (InputStream in = Files.newInputStream(invocations)) {
      return read(invocations.toString(), in, durations, mapping);
    } catch (IOException e) {
      throw new TraceFormatException(invocations.toString(), 0, "cannot open: " + e.getMessage());
    }
  }

  static Trace read(String file, InputStream in, Map<String, Double> durations, TokenMapping mapping) {
    List<String> names = new ArrayList<>();
    Set<String> used = new HashSet<>();
    List<int[]> counts = new ArrayList<>();
    List<Integer> outputs = new ArrayList<>();
    int[] minutes = {-1};
    CsvRows.read(
        file,
        in,
        List.of("HashOwner", "HashApp", "HashFunction", "Trigger"),
        row -> {
          if (minutes[0] < 0) {
            minutes[0] = row.cells().length - FIXED_COLUMNS;
            if (minutes[0] < 1) {
              throw row.error("no per-minute count columns after 'Trigger'");
            }
          }
          if (row.cells().length != FIXED_COLUMNS + minutes[0]) {
            throw row.error("expected " + (FIXED_COLUMNS + minutes[0]) + " columns, found " + row.cells().length);
          }
          int[] c = new int[minutes[0]];
          for (int m = 0; m < c.length; m++) {
            String cell = row.cells()[FIXED_COLUMNS + m].trim();
            try {
              c[m] = Integer.parseInt(cell);
            } catch (NumberFormatException e) {
              throw row.error("minute column " + (m + 1) + ": '" + cell + "' is not a count");
            }
            if (c[m] < 0) {
              throw row.error("minute column " + (m + 1) + ": negative count " + c[m]);
            }
          }
          String hash = row.cell("HashFunction");
          String name = uniqueName(hash, used);
          names.add(name);
          counts.add(c);
          Double avgMs = durations.get(key(row));
          int out =
              avgMs == null
                  ? mapping.defaultOutputTokens()
                  : (int) Math.max(1, Math.min(mapping.maxOutputTokens(), Math.round(avgMs / mapping.msPerOutputToken())));
          outputs.add(out);
        });
    if (names.isEmpty()) {
      throw new TraceFormatException(file, 2, "no functions after the header");
    }
    int[][] perMinute = counts.toArray(new int[0][]);
    int[] outTokens = outputs.stream().mapToInt(Integer::intValue).toArray();
    return new FunctionsTrace(names, perMinute, outTokens, mapping.inputTokens(), minutes[0]);
  }

  private static String key(CsvRows.Row row) {
    return row.cell("HashOwner") + "/" + row.cell("HashApp") + "/" + row.cell("HashFunction");
  }

  private static String uniqueName(String hash, Set<String> used) {
    for (int len = 8; len <= hash.length(); len += 4) {
      String candidate = "fn-" + hash.substring(0, Math.min(len, hash.length()));
      if (used.add(candidate)) {
        return candidate;
      }
    }
    String fallback = "fn-" + hash + "-" + used.size();
    used.add(fallback);
    return fallback;
  }

  private record FunctionsTrace(List<String> services, int[][] counts, int[] outputs, int input, int minutes)
      implements Trace {
    @Override
    public String name() {
      return "azure-functions";
    }

    @Override
    public Instant origin() {
      return Instant.EPOCH;
    }

    @Override
    public double endSeconds() {
      return minutes * 60.0;
    }

    @Override
    public RequestStream open(long seed) {
      SplittableRandom random = new SplittableRandom(seed);
      return new BatchedStream() {
        private int minute;

        @Override
        protected boolean nextBatch() {
          while (minute < minutes) {
            int m = minute++;
            for (int f = 0; f < counts.length; f++) {
              for (int i = counts[f][m]; i > 0; i--) {
                add(60.0 * (m + random.nextDouble()), input, outputs[f], f);
              }
            }
            return true;
          }
          return false;
        }
      };
    }
  }
}
