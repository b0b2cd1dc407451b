package dev.ballast.sim.report;

import dev.ballast.core.service.ServiceSpec;
import dev.ballast.sim.run.Comparison;
import dev.ballast.sim.run.RunResult;
import dev.ballast.sim.run.ServiceResult;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** The table {@code ballast simulate} prints: one row per contender, the bound first. */
public final class ResultTable {
  private static final String HEADER =
      "%-22s %10s %7s %9s %9s %8s %8s %8s %8s %6s %8s %8s %8s%n";
  private static final String ROW =
      "%-22s %10.2f %7.2f %9.1f %9.1f %7.2f%% %8.0f %8.0f %8d %6d %8d %8.1f %8d%n";

  /** Lowest attainment first; among equals, the one with more requests, then by id. */
  private static final Comparator<ServiceResult> WORST_FIRST =
      Comparator.comparingDouble(ServiceResult::attainment)
          .thenComparing(ServiceResult::requests, Comparator.reverseOrder())
          .thenComparing(ServiceResult::serviceId);

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

  /**
   * Where a scenario has many services, whether each met its own SLO: per policy, how many did, the
   * median service's attainment, how many had none of their requests within the target, what the
   * GPUs held by the services that missed cost, and the worst service. Empty for one service.
   */
  static String perService(Comparison.Result c) {
    if (c.runs().isEmpty() || c.runs().stream().allMatch(r -> r.servicesMeasured() <= 1)) {
      return "";
    }
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT,
            "%nper service: it meets its SLO when its own requests reach its target share (%s)%n",
            targets(c.scenario().services())));
    sb.append(
        String.format(Locale.ROOT, "%-22s %13s %9s %9s %12s  %s%n", "policy", "meet SLO", "median", "at 0 %", "USD missed", "worst service"));
    for (RunResult r : c.runs()) {
      List<ServiceResult> measured = r.services().stream().filter(s -> s.requests() > 0).sorted(WORST_FIRST).toList();
      if (measured.isEmpty()) {
        sb.append(String.format(Locale.ROOT, "%-22s %13s%n", r.policy(), "no requests"));
        continue;
      }
      ServiceResult worst = measured.get(0);
      double median = measured.get(measured.size() / 2).attainment();
      long none = measured.stream().filter(s -> s.withinSlo() == 0).count();
      double spentOnMissed = measured.stream().filter(s -> !s.meetsSlo()).mapToDouble(ServiceResult::heldUsd).sum();
      sb.append(
          String.format(
              Locale.ROOT,
              "%-22s %13s %8.2f%% %9d %12.2f  %s %.2f%% of %d%n",
              r.policy(), r.servicesMeetingSlo() + " of " + measured.size(), median * 100, none, spentOnMissed,
              worst.serviceId(), worst.attainment() * 100, worst.requests()));
    }
    return sb.toString();
  }

  private static String targets(List<ServiceSpec> services) {
    var distinct = services.stream().map(s -> String.format(Locale.ROOT, "%s within %s s", pct(s.slo().targetShare()), num(s.slo().ttftTargetSeconds()))).distinct().toList();
    return distinct.size() == 1 ? distinct.get(0) + " for every service" : "each its own; " + distinct.size() + " distinct";
  }

  private static String pct(double share) {
    return num(share * 100) + " %";
  }

  private static String num(double v) {
    return new BigDecimal(v).setScale(3, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
  }
}
