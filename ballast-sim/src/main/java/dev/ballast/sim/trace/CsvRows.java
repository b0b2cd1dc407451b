package dev.ballast.sim.trace;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Reads a CSV file with Jackson row by row, keeping the line number of each row, so that every
 * reader can say exactly where a bad value is.
 */
final class CsvRows {
  private static final CsvMapper MAPPER = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);

  private CsvRows() {}

  /** Reads a trace from a stream: the file it came from (named in errors), the stream, and the trace's name. */
  interface StreamReader {
    LoadedTrace read(String file, InputStream in, String name);
  }

  /** Opens {@code file} and reads it with {@code reader}; a file that cannot be opened is an error naming it. */
  static LoadedTrace readFile(Path file, StreamReader reader) {
    try (InputStream in = Files.newInputStream(file)) {
      return reader.read(file.toString(), in, file.getFileName().toString());
    } catch (IOException e) {
      throw new TraceFormatException(file.toString(), 0, "cannot open: " + e.getMessage());
    }
  }

  /** One data row: its cells, the file and line it came from, and the header's column positions. */
  record Row(String file, long line, String[] cells, Map<String, Integer> columns) {

    String cell(String column) {
      Integer i = columns.get(column.toLowerCase(Locale.ROOT));
      if (i == null || i >= cells.length) {
        throw error("missing value for column '" + column + "'");
      }
      return cells[i].trim();
    }

    boolean has(String column) {
      Integer i = columns.get(column.toLowerCase(Locale.ROOT));
      return i != null && i < cells.length && !cells[i].isBlank();
    }

    long longCell(String column, long min, long max) {
      String s = cell(column);
      long v;
      try {
        v = Long.parseLong(s);
      } catch (NumberFormatException e) {
        throw error("column '" + column + "': '" + s + "' is not an integer");
      }
      if (v < min || v > max) {
        throw error("column '" + column + "': " + v + " is outside [" + min + ", " + max + "]");
      }
      return v;
    }

    double doubleCell(String column, double min, double max) {
      String s = cell(column);
      double v;
      try {
        v = Double.parseDouble(s);
      } catch (NumberFormatException e) {
        throw error("column '" + column + "': '" + s + "' is not a number");
      }
      if (!(v >= min && v <= max)) {
        throw error("column '" + column + "': " + s + " is outside [" + min + ", " + max + "]");
      }
      return v;
    }

    TraceFormatException error(String reason) {
      return new TraceFormatException(file, line, reason);
    }
  }

  /**
   * Streams the rows of {@code in} to {@code sink} after checking that the header holds every
   * {@code required} column (case-insensitive).
   */
  static void read(String file, InputStream in, List<String> required, Consumer<Row> sink) {
    try (MappingIterator<String[]> it = MAPPER.readerFor(String[].class).readValues(in)) {
      if (!it.hasNext()) {
        throw new TraceFormatException(file, 1, "file is empty: expected a header with " + required);
      }
      String[] header = it.next();
      Map<String, Integer> columns =
          IntStream.range(0, header.length)
              .boxed()
              .collect(Collectors.toMap(i -> header[i].trim().toLowerCase(Locale.ROOT), i -> i, (a, b) -> a));
      for (String col : required) {
        if (!columns.containsKey(col.toLowerCase(Locale.ROOT))) {
          throw new TraceFormatException(
              file, 1, "header lacks column '" + col + "': found " + Arrays.toString(header) + ", expected " + required);
        }
      }
      while (true) {
        long line;
        String[] cells;
        try {
          if (!it.hasNextValue()) {
            break;
          }
          line = it.getCurrentLocation().getLineNr();
          cells = it.nextValue();
        } catch (IOException | RuntimeException e) {
          throw new TraceFormatException(file, it.getCurrentLocation().getLineNr(), "unreadable CSV: " + firstLine(e));
        }
        if (cells.length == 1 && cells[0].isBlank()) {
          continue; // blank line
        }
        if (cells.length < columns.size()) {
          throw new TraceFormatException(
              file, line, "expected " + columns.size() + " columns, found " + cells.length + ": " + String.join(",", cells));
        }
        sink.accept(new Row(file, line, cells, columns));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static String firstLine(Exception e) {
    String m = String.valueOf(e.getMessage());
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
