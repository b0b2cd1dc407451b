package dev.ballast.sim.trace;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Makes a trace heavier ({@code rateScale}) or faster ({@code timeScale}) without changing its
 * shape at the resolution of its own inter-arrival gaps.
 *
 * <p>Time scale {@code k} divides every arrival time by {@code k}. Rate scale {@code r} replaces
 * each request by {@code floor(r)} copies, plus one more with probability {@code r − floor(r)};
 * the first copy keeps the original arrival, the others arrive at uniform times in the gap before
 * the next original request. So the rate follows the original at every time scale coarser than one
 * gap, and token lengths keep their joint distribution.
 */
public final class ScaledTrace implements Trace {
  private final Trace base;
  private final double rateScale;
  private final double timeScale;

  public ScaledTrace(Trace base, double rateScale, double timeScale) {
    if (!(rateScale > 0) || !(timeScale > 0) || Double.isInfinite(rateScale) || Double.isInfinite(timeScale)) {
      throw new IllegalArgumentException("rate and time scales must be positive and finite");
    }
    this.base = base;
    this.rateScale = rateScale;
    this.timeScale = timeScale;
  }

  public static Trace of(Trace base, double rateScale, double timeScale) {
    return rateScale == 1 && timeScale == 1 ? base : new ScaledTrace(base, rateScale, timeScale);
  }

  @Override
  public String name() {
    return base.name();
  }

  @Override
  public Instant origin() {
    return base.origin();
  }

  @Override
  public List<String> services() {
    return base.services();
  }

  @Override
  public double endSeconds() {
    return base.endSeconds() / timeScale;
  }

  @Override
  public RequestStream open(long seed) {
    RequestStream src = base.open(seed);
    SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
    return new RequestStream() {
      private boolean srcHas = src.next();
      private double[] copies = new double[8];
      private int copyCount;
      private int copyIndex;
      private int input;
      private int output;
      private int service;

      @Override
      public boolean next() {
        while (copyIndex >= copyCount) {
          if (!srcHas) {
            return false;
          }
          double t = src.time();
          input = src.inputTokens();
          output = src.outputTokens();
          service = src.service();
          srcHas = src.next();
          double gap = srcHas ? src.time() - t : 0;
          int n = (int) Math.floor(rateScale);
          if (random.nextDouble() < rateScale - n) {
            n++;
          }
          if (copies.length < n) {
            copies = new double[Math.max(n, copies.length * 2)];
          }
          copyCount = n;
          copyIndex = 0;
          if (n > 0) {
            copies[0] = t;
            for (int i = 1; i < n; i++) {
              copies[i] = t + random.nextDouble() * gap;
            }
            Arrays.sort(copies, 1, n);
          }
        }
        copyIndex++;
        return true;
      }

      @Override
      public double time() {
        return copies[copyIndex - 1] / timeScale;
      }

      @Override
      public int inputTokens() {
        return input;
      }

      @Override
      public int outputTokens() {
        return output;
      }

      @Override
      public int service() {
        return service;
      }
    };
  }
}
