package dev.ballast.sim.report;

import dev.ballast.core.service.ServiceSpec;
import dev.ballast.sim.run.Comparison;
import dev.ballast.sim.run.RunResult;
import dev.ballast.sim.run.ServiceResult;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Whether each service of a many-service run met its own SLO, summed up per policy: how many did
 * (of those with measured requests), the median service's attainment, how many had none of their
 * requests within the target, what the GPUs held by those that missed cost, and the worst service.
 */
record ServiceSloSummary(
    String policy, long meeting, int measured, double medianAttainment, long withNoneInSlo, double usdHeldByMissed, ServiceResult worst) {

  /** Lowest attainment first; among equals, the one with more requests, then by id. */
  private static final Comparator<ServiceResult> WORST_FIRST =
      Comparator.comparingDouble(ServiceResult::attainment)
          .thenComparing(ServiceResult::requests, Comparator.reverseOrder())
          .thenComparing(ServiceResult::serviceId);

  /** Whether the comparison has more than one measured service, so that a per-service view says more than the totals. */
  static boolean applies(Comparison.Result c) {
    return c.runs().stream().anyMatch(r -> r.servicesMeasured() > 1);
  }

  /** The summary of one run, empty when none of its services had a measured request. */
  static Optional<ServiceSloSummary> of(RunResult r) {
    List<ServiceResult> measured = r.services().stream().filter(s -> s.requests() > 0).sorted(WORST_FIRST).toList();
    if (measured.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new ServiceSloSummary(
            r.policy(),
            r.servicesMeetingSlo(),
            measured.size(),
            measured.get(measured.size() / 2).attainment(),
            measured.stream().filter(s -> s.withinSlo() == 0).count(),
            measured.stream().filter(s -> !s.meetsSlo()).mapToDouble(ServiceResult::heldUsd).sum(),
            measured.get(0)));
  }

  /** The services' SLO in words: "99 % within 2 s for every service", or each target with how many services have it. */
  static String targets(List<ServiceSpec> services) {
    Map<String, Long> counts =
        services.stream()
            .map(s -> String.format(Locale.ROOT, "%s %% within %s s", num(s.slo().targetShare() * 100), num(s.slo().ttftTargetSeconds())))
            .collect(Collectors.groupingBy(t -> t, LinkedHashMap::new, Collectors.counting()));
    if (counts.size() == 1) {
      return counts.keySet().iterator().next() + " for every service";
    }
    return counts.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .map(e -> e.getKey() + " for " + e.getValue() + (e.getValue() == 1 ? " service" : " services"))
        .collect(Collectors.joining("; "));
  }

  private static String num(double v) {
    return new BigDecimal(v).setScale(3, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
  }
}
