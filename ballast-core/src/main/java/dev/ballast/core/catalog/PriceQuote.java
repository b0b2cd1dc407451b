package dev.ballast.core.catalog;

import java.time.LocalDate;
import java.util.Objects;

/** An hourly price in USD with where it came from and when it was true. */
public record PriceQuote(double usdPerHour, String source, LocalDate asOf) {

  public PriceQuote {
    if (!(usdPerHour >= 0) || Double.isInfinite(usdPerHour)) {
      throw new IllegalArgumentException("price must be a finite, non-negative USD/hour, got " + usdPerHour);
    }
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(asOf, "asOf");
  }

  public double usdPerSecond() {
    return usdPerHour / 3600.0;
  }

  /** A user's override: same shape, source says so. */
  public static PriceQuote userOverride(double usdPerHour) {
    return new PriceQuote(usdPerHour, "user override", LocalDate.of(1970, 1, 1));
  }
}
