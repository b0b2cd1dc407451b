package dev.ballast.sim.report;

import dev.ballast.sim.bound.WorkConservingBound;
import dev.ballast.sim.run.Comparison;
import dev.ballast.sim.scenario.Scenario;
import dev.ballast.sim.scenario.TwinSettings;
import dev.ballast.sim.trace.RequestStream;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes the requests a run measures and the bound counts: every servable request of the replayed
 * stream (rate and time scales applied, the run's seed) that arrives after the warm-up, with the
 * GPU-seconds of its prefill and its decode at the bound's full-batch efficiency. It is what an
 * offline analysis needs to reason about the same requests the policies served, such as
 * {@code bench/bound/lead_time_bound.py}.
 */
public final class RequestsCsv {
  static final String HEADER = "arrival_s,service,prompt_tokens,output_tokens,prefill_gpu_s,decode_gpu_s";

  private RequestsCsv() {}

  /** @return how many requests were written */
  public static long write(Comparison.Result c, Path file) throws IOException {
    Scenario scenario = c.scenario();
    WorkConservingBound bound = WorkConservingBound.of(scenario);
    double from = TwinSettings.warmupSeconds(scenario.settings(), scenario.trace().endSeconds());
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    long written = 0;
    RequestStream s = scenario.trace().open(c.seed());
    try (Writer w = Files.newBufferedWriter(file)) {
      w.write(HEADER);
      w.write('\n');
      while (s.next()) {
        int svc = s.service();
        int in = s.inputTokens();
        int out = s.outputTokens();
        if (s.time() < from || !bound.servable(svc, in, out)) {
          continue;
        }
        double prefill = bound.prefillGpuSeconds(svc, in, out);
        double decode = bound.requestGpuSeconds(svc, in, out) - prefill;
        w.write(String.format(Locale.ROOT, "%.6f,%s,%d,%d,%.9f,%.9f%n",
            s.time(), scenario.services().get(svc).id(), in, out, prefill, decode));
        written++;
      }
    }
    return written;
  }
}
