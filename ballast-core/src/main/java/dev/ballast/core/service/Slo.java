package dev.ballast.core.service;

import java.time.Duration;
import java.util.Objects;

/**
 * A latency objective: at least {@code targetShare} of requests get their first token within
 * {@code ttftTarget}.
 */
public record Slo(Duration ttftTarget, double targetShare) {

  public Slo {
    Objects.requireNonNull(ttftTarget, "ttftTarget");
    if (ttftTarget.isNegative() || ttftTarget.isZero()) {
      throw new IllegalArgumentException("TTFT target must be positive, got " + ttftTarget);
    }
    if (!(targetShare > 0 && targetShare <= 1)) {
      throw new IllegalArgumentException("SLO share must be in (0, 1], got " + targetShare);
    }
  }

  public double ttftTargetSeconds() {
    return ttftTarget.toNanos() / 1e9;
  }

  /** MLPerf Server limit for Llama-3.1-8B: TTFT 2 s (CATALOG-FACTS §3.7), for 99 % of requests. */
  public static Slo interactiveDefault() {
    return new Slo(Duration.ofSeconds(2), 0.99);
  }
}
