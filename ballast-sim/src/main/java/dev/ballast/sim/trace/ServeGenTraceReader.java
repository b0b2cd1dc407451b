package dev.ballast.sim.trace;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.AhrensDieterMarsagliaTsangGammaSampler;

/**
 * Reads ServeGen per-client arrival windows (alibaba/ServeGen; columns {@code client_id,
 * window_start_s, rate_rps, cv, iat_dist, iat_param1, iat_param2}) and synthesises arrivals the way
 * ServeGen's {@code generate_workload} does: for each active client window, draw {@code
 * ceil(rate × window)} inter-arrival times from the fitted Gamma or Weibull, rescale them to fill
 * the window, and keep those inside it. All clients are tenants of one model, so they make one
 * service.
 *
 * <p>The windows carry no token lengths, so each request takes a (prompt, output) pair drawn from
 * a token sample (by default the Azure LLM 2023 conversation trace).
 */
public final class ServeGenTraceReader {
  private ServeGenTraceReader() {}

  /** One client's fitted arrivals in one window. */
  private record Window(double rate, boolean gamma, double shape, double scale) {}

  public static Trace read(Path file, double rateScale, TokenSample tokens) {
    try (InputStream raw = Files.newInputStream(file);
        InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw) {
      return read(file.toString(), in, rateScale, tokens, file.getFileName().toString());
    } catch (IOException e) {
      throw new TraceFormatException(file.toString(), 0, "cannot read: " + e.getMessage());
    }
  }

  static Trace read(String file, InputStream in, double rateScale, TokenSample tokens, String name) {
    TreeMap<Long, List<Window>> byStart = new TreeMap<>();
    CsvRows.read(
        file,
        in,
        List.of("client_id", "window_start_s", "rate_rps", "cv", "iat_dist", "iat_param1", "iat_param2"),
        row -> {
          row.longCell("client_id", 0, Integer.MAX_VALUE);
          long start = row.longCell("window_start_s", 0, 100L * 365 * 86400);
          double rate = row.doubleCell("rate_rps", 0, 1e7);
          String dist = row.has("iat_dist") ? row.cell("iat_dist") : "";
          List<Window> list = byStart.computeIfAbsent(start, k -> new ArrayList<>());
          if (rate == 0 || dist.isEmpty()) {
            return;
          }
          if (!dist.equals("Gamma") && !dist.equals("Weibull")) {
            throw row.error("column 'iat_dist': '" + dist + "' is neither Gamma nor Weibull");
          }
          double shape = row.doubleCell("iat_param1", Double.MIN_VALUE, 1e6);
          double scale = row.doubleCell("iat_param2", Double.MIN_VALUE, 1e12);
          list.add(new Window(rate, dist.equals("Gamma"), shape, scale));
        });
    if (byStart.isEmpty()) {
      throw new TraceFormatException(file, 2, "no windows after the header");
    }
    long[] starts = byStart.keySet().stream().mapToLong(Long::longValue).toArray();
    double windowSeconds = starts.length > 1 ? starts[1] - starts[0] : 600;
    List<List<Window>> windows = new ArrayList<>(byStart.values());
    return new ServeGenTrace(name, starts, windowSeconds, windows, rateScale, tokens);
  }

  private record ServeGenTrace(
      String name, long[] starts, double windowSeconds, List<List<Window>> windows, double rateScale, TokenSample tokens)
      implements Trace {

    @Override
    public Instant origin() {
      return Instant.EPOCH;
    }

    @Override
    public List<String> services() {
      return List.of("default");
    }

    @Override
    public double endSeconds() {
      return starts[starts.length - 1] - starts[0] + windowSeconds;
    }

    @Override
    public RequestStream open(long seed) {
      SplittableRandom random = new SplittableRandom(seed);
      UniformRandomProvider rng = random::nextLong;
      return new BatchedStream() {
        private int w;
        private double[] iats = new double[1024];

        @Override
        protected boolean nextBatch() {
          if (w >= starts.length) {
            return false;
          }
          double base = starts[w] - starts[0];
          for (Window win : windows.get(w)) {
            int n = (int) Math.ceil(win.rate() * rateScale * windowSeconds);
            if (n == 0) {
              continue;
            }
            if (iats.length < n) {
              iats = new double[Math.max(n, iats.length * 2)];
            }
            double sum = 0;
            var gamma = win.gamma() ? AhrensDieterMarsagliaTsangGammaSampler.of(rng, win.shape(), win.scale()) : null;
            for (int i = 0; i < n; i++) {
              double x =
                  gamma != null
                      ? gamma.sample()
                      : win.scale() * Math.pow(-Math.log(1 - random.nextDouble()), 1 / win.shape());
              iats[i] = x;
              sum += x;
            }
            if (!(sum > 0)) {
              continue;
            }
            double t = 0;
            double factor = windowSeconds / sum;
            for (int i = 0; i < n; i++) {
              t += iats[i] * factor;
              if (t >= windowSeconds) {
                break;
              }
              int k = tokens.pick(random);
              add(base + t, tokens.input(k), tokens.output(k), 0);
            }
          }
          w++;
          return true;
        }
      };
    }
  }
}
