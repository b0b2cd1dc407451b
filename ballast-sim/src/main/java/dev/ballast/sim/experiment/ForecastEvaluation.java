package dev.ballast.sim.experiment;

import dev.ballast.core.forecast.AdaptiveForecaster;
import dev.ballast.core.forecast.Forecast;
import dev.ballast.sim.trace.RequestStream;
import dev.ballast.sim.trace.Trace;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Forecast error on a trace, online: the per-minute request rate is fed minute by minute to
 * Ballast's adaptive forecaster (and to each of its candidates, read through it), and every
 * forecast made {@code h} minutes ahead is scored when that minute arrives. Nothing looks ahead:
 * a forecast is fixed before its minute is read. Errors are reported against the naive forecast
 * (the last minute again), with the share of minutes the adaptive forecast's 90th percentile covered.
 */
public final class ForecastEvaluation {
  /** One horizon's scores. */
  public record Score(
      int horizonMinutes,
      long forecasts,
      double naiveMae,
      double adaptiveMae,
      double bestCandidateMae,
      String bestCandidate,
      double p90Coverage,
      double meanRate) {
    public double adaptiveOverNaive() {
      return adaptiveMae / naiveMae;
    }
  }

  private ForecastEvaluation() {}

  /** Per-minute mean request rate (req/s) of the trace. */
  public static double[] perMinuteRates(Trace trace, long seed) {
    int minutes = (int) Math.ceil(trace.endSeconds() / 60) + 1;
    double[] counts = new double[minutes];
    RequestStream s = trace.open(seed);
    while (s.next()) {
      counts[Math.min(minutes - 1, (int) (s.time() / 60))]++;
    }
    for (int i = 0; i < minutes; i++) {
      counts[i] /= 60;
    }
    return counts;
  }

  /**
   * @param warmupMinutes forecasts for minutes before this are not scored (the forecaster learns)
   */
  public static List<Score> evaluate(double[] rates, int[] horizons, int warmupMinutes) {
    int maxH = 0;
    for (int h : horizons) {
      maxH = Math.max(maxH, h);
    }
    AdaptiveForecaster adaptive = AdaptiveForecaster.perMinuteDefault(maxH);
    int candidates = adaptive.names().size();
    int naive = adaptive.names().indexOf("naive");
    // forecasts[h][t]: made after observing minute t, for minute t + h
    double[][] point = new double[horizons.length][rates.length];
    double[][] p90 = new double[horizons.length][rates.length];
    double[][][] byCandidate = new double[horizons.length][candidates][rates.length];
    for (int t = 0; t < rates.length; t++) {
      adaptive.observe(rates[t]);
      for (int k = 0; k < horizons.length; k++) {
        Forecast f = adaptive.forecast(horizons[k]);
        point[k][t] = f.point();
        p90[k][t] = f.quantile(0.9);
        for (int c = 0; c < candidates; c++) {
          byCandidate[k][c][t] = adaptive.candidateForecast(c, horizons[k]);
        }
      }
    }
    List<Score> scores = new ArrayList<>();
    for (int k = 0; k < horizons.length; k++) {
      int h = horizons[k];
      double[] abs = new double[candidates];
      double adaptiveAbs = 0;
      long covered = 0;
      long n = 0;
      double rateSum = 0;
      for (int t = warmupMinutes; t + h < rates.length; t++) {
        double actual = rates[t + h];
        adaptiveAbs += Math.abs(actual - point[k][t]);
        if (actual <= p90[k][t]) {
          covered++;
        }
        for (int c = 0; c < candidates; c++) {
          abs[c] += Math.abs(actual - byCandidate[k][c][t]);
        }
        rateSum += actual;
        n++;
      }
      int best = 0;
      for (int c = 1; c < candidates; c++) {
        if (abs[c] < abs[best]) {
          best = c;
        }
      }
      scores.add(
          new Score(h, n, abs[naive] / n, adaptiveAbs / n, abs[best] / n, adaptive.names().get(best), (double) covered / n, rateSum / n));
    }
    return scores;
  }

  public static String render(String traceName, List<Score> scores) {
    StringBuilder b = new StringBuilder("forecast of the per-minute request rate, online (" + traceName + ")\n");
    b.append(
        String.format(
            Locale.ROOT, "%-9s %9s %10s %12s %12s %8s %-22s %9s%n", "horizon", "forecasts", "mean req/s", "naive MAE", "ballast MAE", "vs naive",
            "best single (MAE)", "p90 cover"));
    for (Score s : scores) {
      if (s.forecasts() == 0) {
        b.append(String.format(Locale.ROOT, "%6d min: no minute to score (the trace is shorter than the warm-up and the horizon)%n", s.horizonMinutes()));
        continue;
      }
      b.append(
          String.format(
              Locale.ROOT, "%6d min %9d %10.2f %12.3f %12.3f %7.2fx %-22s %8.1f%%%n", s.horizonMinutes(), s.forecasts(), s.meanRate(), s.naiveMae(),
              s.adaptiveMae(), s.adaptiveOverNaive(), s.bestCandidate() + String.format(Locale.ROOT, " (%.3f)", s.bestCandidateMae()),
              s.p90Coverage() * 100));
    }
    return b.toString();
  }
}
