package dev.ballast.sim.report;

import dev.ballast.sim.run.Comparison;
import dev.ballast.sim.run.RunResult;
import java.util.Locale;

/** The table {@code ballast simulate} prints: one row per contender, the bound first. */
public final class ResultTable {
  private static final String HEADER =
      "%-22s %10s %7s %9s %9s %8s %8s %8s %8s %6s %8s %8s %8s%n";
  private static final String ROW =
      "%-22s %10.2f %7.2f %9.1f %9.1f %7.2f%% %8.0f %8.0f %8d %6d %8d %8.1f %8d%n";

  private ResultTable() {}

  /** One contender's row, in the column order both tables use (the policy name first, unescaped). */
  static Object[] cells(RunResult r, double bound) {
    return new Object[] {
      r.policy(), r.costUsd(), bound > 0 ? r.costUsd() / bound : Double.NaN, r.gpuHours(), r.idleGpuHours(), r.sloAttainment() * 100,
      r.ttftP50Ms(), r.ttftP99Ms(), r.failed(), r.coldStarts(), r.coldStartRequests(), r.meanReplicas(), r.peakReplicas()
    };
  }

  public static String render(Comparison.Result c) {
    StringBuilder sb = new StringBuilder();
    double bound = c.bound().costUsd();
    sb.append(
        String.format(
            Locale.ROOT,
            HEADER,
            "policy", "cost USD", "x bound", "GPU-h", "idle GPU-h", "SLO", "TTFT p50", "TTFT p99", "failed", "cold", "cold", "mean rep", "peak rep"));
    sb.append(String.format(Locale.ROOT, HEADER, "", "", "", "", "", "", "ms", "ms", "", "starts", "requests", "", ""));
    sb.append(
        String.format(
            Locale.ROOT,
            "%-22s %10.2f %7.2f %9.1f %9s %8s %8s %8s %8s %6s %8s %8s %8s%n",
            "lower bound", bound, 1.0, c.bound().gpuHours(), "-", "-", "-", "-", "-", "-", "-", "-", "-"));
    for (RunResult r : c.runs()) {
      sb.append(String.format(Locale.ROOT, ROW, cells(r, bound)));
    }
    sb.append(perService(c));
    return sb.toString();
  }

  /** Where a scenario has many services, whether each met its own SLO ({@link ServiceSloSummary}); empty for one service. */
  static String perService(Comparison.Result c) {
    if (!ServiceSloSummary.applies(c)) {
      return "";
    }
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT,
            "%nper service: it meets its SLO when its own requests reach its target share (%s)%n",
            ServiceSloSummary.targets(c.scenario().services())));
    sb.append(
        String.format(Locale.ROOT, "%-22s %13s %9s %9s %12s  %s%n", "policy", "meet SLO", "median", "at 0 %", "USD missed", "worst service"));
    for (RunResult r : c.runs()) {
      ServiceSloSummary.of(r)
          .ifPresentOrElse(
              s ->
                  sb.append(
                      String.format(
                          Locale.ROOT,
                          "%-22s %13s %8.2f%% %9d %12.2f  %s %.2f%% of %d%n",
                          s.policy(), s.meeting() + " of " + s.measured(), s.medianAttainment() * 100, s.withNoneInSlo(), s.usdHeldByMissed(),
                          s.worst().serviceId(), s.worst().attainment() * 100, s.worst().requests())),
              () -> sb.append(String.format(Locale.ROOT, "%-22s %13s%n", r.policy(), "no requests")));
    }
    return sb.toString();
  }
}
