package dev.ballast.sim.trace;

import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A synthetic surge: Poisson arrivals at {@code baseRate} req/s, rising linearly to {@code factor}
 * times that over {@code rampSeconds} from {@code stepAtSeconds}, then staying there until {@code
 * endSeconds}. Prompt and output lengths are drawn from a token sample (the embedded Azure
 * conversation trace by default), so the surge carries a real token mix.
 */
public final class StepTrace implements Trace {
  private final double baseRate;
  private final double factor;
  private final double stepAtSeconds;
  private final double rampSeconds;
  private final double endSeconds;
  private final TokenSample tokens;

  public StepTrace(double baseRate, double factor, double stepAtSeconds, double rampSeconds, double endSeconds, TokenSample tokens) {
    if (!(baseRate > 0) || !(factor > 0) || rampSeconds < 0 || !(stepAtSeconds >= 0) || !(endSeconds > stepAtSeconds)) {
      throw new IllegalArgumentException("a step needs baseRate > 0, factor > 0, ramp >= 0 and 0 <= stepAt < end");
    }
    this.baseRate = baseRate;
    this.factor = factor;
    this.stepAtSeconds = stepAtSeconds;
    this.rampSeconds = rampSeconds;
    this.endSeconds = endSeconds;
    this.tokens = tokens;
  }

  /** The rate at trace time {@code t}, req/s. */
  public double rateAt(double t) {
    if (t < stepAtSeconds) {
      return baseRate;
    }
    double progress = rampSeconds == 0 ? 1 : Math.min(1, (t - stepAtSeconds) / rampSeconds);
    return baseRate * (1 + (factor - 1) * progress);
  }

  public double stepAtSeconds() {
    return stepAtSeconds;
  }

  public double peakRate() {
    return baseRate * factor;
  }

  @Override
  public String name() {
    return String.format(java.util.Locale.ROOT, "step x%.0f at %.0f s (%.0f -> %.0f req/s in %.0f s)", factor, stepAtSeconds, baseRate, peakRate(), rampSeconds);
  }

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
    return endSeconds;
  }

  @Override
  public RequestStream open(long seed) {
    SplittableRandom random = new SplittableRandom(seed ^ 0x5EED_57E9L);
    double peak = Math.max(baseRate, peakRate());
    return new RequestStream() {
      double t;
      int in;
      int out;

      @Override
      public boolean next() {
        // thinning: candidates at the peak rate, each kept with probability rate(t) / peak
        while (true) {
          t += -Math.log(1 - random.nextDouble()) / peak;
          if (t > endSeconds) {
            return false;
          }
          if (random.nextDouble() * peak <= rateAt(t)) {
            int k = tokens.pick(random);
            in = tokens.input(k);
            out = tokens.output(k);
            return true;
          }
        }
      }

      @Override
      public double time() {
        return t;
      }

      @Override
      public int inputTokens() {
        return in;
      }

      @Override
      public int outputTokens() {
        return out;
      }

      @Override
      public int service() {
        return 0;
      }
    };
  }
}
