package dev.ballast.core.scaling;

import dev.ballast.core.forecast.AdaptiveForecaster;
import dev.ballast.core.spi.ServiceSample;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * What Ballast has learned about one service from its metrics: the smoothed rate level, a
 * per-minute rate series feeding the forecaster, the burst profile, the SLO feedback, and the
 * idle periods feeding the keep-alive. It only ever consumes samples it has been shown, in order.
 */
public final class ServiceState {
  private final double levelTimeConstantSeconds;
  private final double attainmentWindowSeconds;
  private final double stalenessSeconds;
  private final AdaptiveForecaster forecaster;
  private final BurstProfile burst;
  private final SloFeedback feedback;
  private final KeepAlive keepAlive;
  private final Deque<ServiceSample> attainmentWindow = new ArrayDeque<>();
  private ServiceSample last;
  private double level = Double.NaN;
  private final double[] levels = new double[BurstProfile.LEVEL_TIME_CONSTANTS.length];
  private final double[] levelWeights = new double[BurstProfile.LEVEL_TIME_CONSTANTS.length];
  private double lastRate;
  private double mixIn = Double.NaN;
  private double mixOut = Double.NaN;
  private long minuteIndex = Long.MIN_VALUE;
  private double idleSince = Double.NaN;
  private boolean seenActive;
  private double activeSince = Double.NaN;
  private long activeRequests;
  private double lastFeedbackAt = Double.NEGATIVE_INFINITY;
  private double settledSince = Double.NaN;
  private double peakAwakeMemory;

  public ServiceState(
      AdaptiveForecaster forecaster,
      BurstProfile burst,
      SloFeedback feedback,
      KeepAlive keepAlive,
      double levelTimeConstantSeconds,
      double attainmentWindowSeconds,
      double stalenessSeconds) {
    this.forecaster = forecaster;
    this.burst = burst;
    this.feedback = feedback;
    this.keepAlive = keepAlive;
    this.levelTimeConstantSeconds = levelTimeConstantSeconds;
    this.attainmentWindowSeconds = attainmentWindowSeconds;
    this.stalenessSeconds = stalenessSeconds;
  }

  static double seconds(Instant t) {
    return t.getEpochSecond() + t.getNano() / 1e9;
  }

  /**
   * Consumes the samples not seen yet and returns the current observation, or {@code null} when
   * no sample has arrived at all.
   */
  public DemandObservation ingest(List<ServiceSample> samples, double now, double sloShare) {
    for (ServiceSample s : samples) {
      if (last != null && !s.at().isAfter(last.at())) {
        continue;
      }
      consume(s, sloShare);
    }
    if (last == null || Double.isNaN(level)) {
      return null; // a level needs two samples
    }
    double backlog = last.waiting();
    double idle = Double.isNaN(idleSince) ? 0 : Math.max(0, now - idleSince);
    long windowRequests = 0;
    double attainment = 1;
    if (attainmentWindow.size() >= 2) {
      ServiceSample first = attainmentWindow.peekFirst();
      windowRequests = last.arrivalsTotal() - first.arrivalsTotal();
      long done = (last.firstTokensTotal() - first.firstTokensTotal()) + (last.failedTotal() - first.failedTotal());
      long within = last.firstTokensWithinSloTotal() - first.firstTokensWithinSloTotal();
      attainment = done <= 0 ? 1 : (double) within / done;
    }
    boolean fresh = now - seconds(last.at()) <= stalenessSeconds;
    TokenMix mix = Double.isNaN(mixIn) ? new TokenMix(1000, 200) : new TokenMix(mixIn, Math.max(1, mixOut));
    return new DemandObservation(
        Double.isNaN(level) ? 0 : level, levels.clone(), lastRate, mix, backlog, attainment, windowRequests, idle, seenActive, fresh);
  }

  /**
   * Once a minute, corrects the sizing by the SLO attainment of the last window, but only while
   * capacity matched the plan ({@code settled}): misses while replicas were still starting are the
   * lead time's doing, not the model's, and must not inflate the correction.
   */
  public void updateFeedback(double now, double sloShare, boolean settled) {
    if (!settled) {
      settledSince = Double.NaN;
      return;
    }
    if (Double.isNaN(settledSince)) {
      settledSince = now;
    }
    if (now - lastFeedbackAt < 60 || last == null) {
      return;
    }
    // only requests that arrived while capacity matched the plan
    ServiceSample first = null;
    for (ServiceSample s : attainmentWindow) {
      if (seconds(s.at()) >= settledSince) {
        first = s;
        break;
      }
    }
    if (first == null || seconds(last.at()) - seconds(first.at()) < 60) {
      return;
    }
    lastFeedbackAt = now;
    long done = (last.firstTokensTotal() - first.firstTokensTotal()) + (last.failedTotal() - first.failedTotal());
    long within = last.firstTokensWithinSloTotal() - first.firstTokensWithinSloTotal();
    if (done > 0) {
      feedback.update((double) within / done, sloShare, done, 200);
    }
  }

  private void consume(ServiceSample s, double sloShare) {
    double t = seconds(s.at());
    seenActive |= s.readyReplicas() > 0 || s.inFlight() > 0; // serving when first seen: its idle time is unknown, so it is kept as if just used
    if (last != null) {
      double dt = t - seconds(last.at());
      long arrivals = s.arrivalsTotal() - last.arrivalsTotal();
      seenActive |= arrivals > 0;
      double rate = dt > 0 ? arrivals / dt : 0;
      if (Double.isNaN(level)) {
        java.util.Arrays.fill(levels, rate);
      }
      burst.add(dt, arrivals, levels);
      updateLevels(dt, rate);
      lastRate = rate;
      double w = 1 - Math.exp(-dt / levelTimeConstantSeconds);
      level = Double.isNaN(level) ? rate : level + w * (rate - level);
      if (arrivals > 0) {
        double in = (double) (s.promptTokensTotal() - last.promptTokensTotal()) / arrivals;
        double out = (double) (s.outputTokensTotal() - last.outputTokensTotal()) / arrivals;
        double m = 1 - Math.exp(-arrivals / 2000.0); // mix follows the last few thousand requests
        mixIn = Double.isNaN(mixIn) ? in : mixIn + m * (in - mixIn);
        mixOut = Double.isNaN(mixOut) ? out : mixOut + m * (out - mixOut);
      }
      trackIdle(t, arrivals, s.inFlight());
      feedMinutes(t);
    }
    last = s;
    attainmentWindow.addLast(s);
    while (attainmentWindow.size() > 2 && t - seconds(attainmentWindow.peekFirst().at()) > attainmentWindowSeconds) {
      attainmentWindow.removeFirst();
    }
  }

  /**
   * Bias-corrected exponential averages: until a time constant has passed, a level is the mean
   * rate so far rather than a pull toward the first interval.
   */
  private void updateLevels(double dt, double rate) {
    for (int k = 0; k < levels.length; k++) {
      double decay = Math.exp(-dt / BurstProfile.LEVEL_TIME_CONSTANTS[k]);
      double weight = levelWeights[k] * decay + dt;
      levels[k] = (levels[k] * levelWeights[k] * decay + rate * dt) / weight;
      levelWeights[k] = weight;
    }
  }

  /**
   * At each minute boundary, feeds the forecaster the smoothed level: it forecasts where the
   * level goes, while the burst profile covers the short-term swings around it.
   */
  private void feedMinutes(double t) {
    long minute = (long) Math.floor(t / 60);
    if (minuteIndex == Long.MIN_VALUE) {
      minuteIndex = minute;
    }
    while (minuteIndex < minute) {
      forecaster.observe(level);
      minuteIndex++;
    }
  }

  private void trackIdle(double t, long arrivals, double inFlight) {
    if (arrivals == 0 && inFlight == 0) {
      if (Double.isNaN(idleSince)) {
        idleSince = t;
        if (!Double.isNaN(activeSince)) {
          keepAlive.activeEnded(activeRequests, t - activeSince);
        }
        activeSince = Double.NaN;
      }
      return;
    }
    if (!Double.isNaN(idleSince)) {
      if (arrivals > 0) {
        keepAlive.idleEnded(t - idleSince);
        activeSince = t;
        activeRequests = 0;
      }
      idleSince = Double.NaN;
    }
    if (!Double.isNaN(activeSince)) {
      activeRequests += arrivals;
    }
  }

  public AdaptiveForecaster forecaster() {
    return forecaster;
  }

  public BurstProfile burst() {
    return burst;
  }

  public SloFeedback feedback() {
    return feedback;
  }

  public KeepAlive keepAlive() {
    return keepAlive;
  }

  /** The most awake replicas recently needed, decaying slowly: sizes the cheap stopped tier. */
  public double rememberPeak(double awake, double decayPerTick) {
    peakAwakeMemory = Math.max(awake, peakAwakeMemory * decayPerTick);
    return peakAwakeMemory;
  }
}
