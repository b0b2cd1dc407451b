package dev.ballast.core.catalog;

import java.time.Duration;
import java.util.random.RandomGenerator;

/** A random delay, such as a VM boot, drawn with an injected seeded generator. */
public sealed interface Delay permits Delay.Fixed, Delay.LogNormal {

  /** Draws one delay in seconds. */
  double sampleSeconds(RandomGenerator random);

  /** The median, for reasoning about lead times without drawing. */
  double medianSeconds();

  /** A quantile upper value (p90) for conservative lead-time planning. */
  double p90Seconds();

  static Delay fixed(Duration duration) {
    return new Fixed(duration.toMillis() / 1000.0);
  }

  static Delay logNormal(Duration median, Duration p90) {
    return new LogNormal(median.toMillis() / 1000.0, p90.toMillis() / 1000.0);
  }

  /** Always the same. */
  record Fixed(double seconds) implements Delay {
    public Fixed {
      if (!(seconds >= 0)) {
        throw new IllegalArgumentException("delay must be >= 0 s, got " + seconds);
      }
    }

    @Override
    public double sampleSeconds(RandomGenerator random) {
      return seconds;
    }

    @Override
    public double medianSeconds() {
      return seconds;
    }

    @Override
    public double p90Seconds() {
      return seconds;
    }
  }

  /**
   * Log-normal with the given median and 90th percentile: right-skewed like real boot times, where a
   * few nodes take much longer than most.
   */
  record LogNormal(double medianSeconds, double p90Seconds) implements Delay {
    private static final double Z90 = 1.2815515655446004;

    public LogNormal {
      if (!(medianSeconds > 0) || !(p90Seconds >= medianSeconds)) {
        throw new IllegalArgumentException(
            "log-normal delay needs 0 < median <= p90, got median " + medianSeconds + " s, p90 " + p90Seconds + " s");
      }
    }

    @Override
    public double sampleSeconds(RandomGenerator random) {
      double sigma = Math.log(p90Seconds / medianSeconds) / Z90;
      return medianSeconds * Math.exp(sigma * random.nextGaussian());
    }
  }
}
