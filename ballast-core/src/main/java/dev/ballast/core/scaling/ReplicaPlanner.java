package dev.ballast.core.scaling;

import dev.ballast.core.capacity.LeadTimes;
import dev.ballast.core.capacity.TierSizing;
import dev.ballast.core.catalog.ServingProfile;
import dev.ballast.core.forecast.Forecast;
import dev.ballast.core.service.ServiceSpec;
import java.util.Locale;

/**
 * Sizes one service: replicas to have awake now, asleep (seconds away), and stopped-node capacity
 * to keep (minutes away), from its SLO, its serving profile, what it has learned of its traffic,
 * and the lead time of each tier. Pure: the same inputs give the same plan.
 */
public final class ReplicaPlanner {

  /** The knobs the planner reads (from {@code BallastSettings}). */
  public record Knobs(
      double queueingBudget,
      double burstFallback,
      double drainSeconds,
      double stabilizationSeconds,
      boolean forecast,
      boolean warmTier,
      boolean stoppedTier,
      double stoppedPriceRatio,
      ColdStartPrice coldStartPrice) {}

  /**
   * How an idle service's keep-alive prices a cold start, beyond the GPU time of the start itself:
   * by what it costs the SLO ({@link #coldStartWorthBySlo}), plus a fixed worth. A null price keeps
   * the hybrid histogram's percentiles (SLO first).
   */
  public record ColdStartPrice(boolean bySlo, double fixedWorthSeconds) {}

  /** A forecast whose 90th percentile is beyond this multiple of its point is not planned on. */
  static final double INFORMATIVE_SPREAD = 1.5;

  /** The warm tier is speculative: at most this share of the awake replicas. */
  static final double MAX_WARM_SHARE = 0.5;

  private ReplicaPlanner() {}

  public static ReplicaPlan plan(
      ServiceSpec spec,
      ServingProfile profile,
      ServiceState state,
      DemandObservation obs,
      LeadTimes leads,
      boolean stoppedCapacityAvailable,
      Knobs knobs) {
    double target = spec.slo().ttftTargetSeconds();
    double share = spec.slo().targetShare();
    double usable = SloSizing.usableRate(profile, obs.mix(), target, knobs.queueingBudget() * (1 - share));
    if (usable <= 0) {
      usable = 0.5 * ReplicaThroughput.saturationRequestsPerSecond(profile, obs.mix()); // prompts outlast the target anyway
    }
    double correction = state.feedback().correction();
    double nextLead = stoppedCapacityAvailable ? leads.stoppedSeconds() : leads.coldSeconds();
    BurstProfile burst = state.burst();
    // on/off capacity (the recent-need rules) is judged at the lead time of the tier that supplies
    // added capacity: stopped nodes while they could double the service (the caller decides), else
    // new ones, since its bursts outgrow a thin stopped tier; level-following capacity at the
    // stopped tier's lead (levelLeadSeconds)
    double supplyHold = holdSeconds(knobs, nextLead);
    double levelLead = levelLeadSeconds(knobs, leads, nextLead);
    double levelHold = holdSeconds(knobs, levelLead);
    BurstProfile.Need need = burst.need(nextLead, supplyHold, levelLead, levelHold, 1000, knobs.burstFallback());
    double hold = holdFor(need, supplyHold, levelHold);
    double[] basis = burst.basisNow(obs.levels());
    double ruleCapacity = need.learned() ? need.factor() * basis[need.rule()] : need.factor() * obs.level();
    // The learned rule's capacity is a fluid service rate for first tokens (the burst replay already
    // counts who waits); the steady rate, and the fallback's, are met at the SLO-safe rate.
    double burstPerReplica = need.learned() ? burstRate(profile, obs.mix(), target, usable) : usable;
    // fast path: never hold less than the newest interval's rate at the SLO-safe rate
    double steady = Math.max(obs.level(), obs.lastRate());
    double capacity = Math.max(ruleCapacity / burstPerReplica, steady / usable) * usable; // req/s at the SLO-safe rate
    // a queue drains within the drain time, but at most doubles what the rule holds: a burst's
    // backlog is gone long before capacity ordered for it could start
    double drain = Math.min(obs.backlog() / knobs.drainSeconds(), capacity);
    double needRate = correction * capacity + drain;
    int awake = replicas(needRate, usable);

    StringBuilder why = new StringBuilder();
    if (spec.minReplicas() == 0 && obs.idleSeconds() > 0 && obs.backlog() == 0 && !obs.seenActive()) {
      awake = 0;
      why.append("no request and no replica seen yet: nothing to keep warm -> 0 awake; ");
    } else if (spec.minReplicas() == 0 && obs.idleSeconds() > 0 && obs.backlog() == 0) {
      double lead = leads.warmNodeSeconds();
      ColdStartPrice price = knobs.coldStartPrice();
      double waiting = state.keepAlive().requestsPerColdStart(lead);
      KeepAlive.Window w = state.keepAlive().window(lead, coldStartWorth(price, waiting, share, usable));
      awake = w.warm(obs.idleSeconds(), lead) ? 1 : 0;
      why.append(String.format(Locale.ROOT, "idle %.0f s, %s", obs.idleSeconds(), w.reason()));
      if (w.learned() && price != null && price.bySlo() && !Double.isNaN(waiting)) {
        why.append(String.format(
            Locale.ROOT, " (a cold start keeps %.1f requests waiting, each weighing %.0f served at %.2f req/s per replica)", waiting, missWeight(share), usable));
      }
      why.append(String.format(Locale.ROOT, " -> %d awake; ", awake));
    }
    awake = spec.clamp(awake);

    Forecast warmGrowth = null;
    Forecast stoppedGrowth = null;
    // the forecaster follows the level, so its growth means something for the level rules only
    boolean followsLevel = !need.learned() || need.rule() < BurstProfile.LEVEL_TIME_CONSTANTS.length;
    if (knobs.forecast() && followsLevel && state.forecaster().observed() >= 5 && obs.level() > 0) {
      warmGrowth = ratio(state.forecaster().forecast(steps(nextLead)), obs.level());
      stoppedGrowth = ratio(state.forecaster().forecast(steps(leads.coldSeconds())), obs.level());
      // spread around the median, both corrected by the forecaster's own recent errors: a forecaster
      // that is consistently low (a damped trend) is biased, not uncertain
      if (warmGrowth.quantile(0.9) > INFORMATIVE_SPREAD * warmGrowth.quantile(0.5)) {
        warmGrowth = null; // too uncertain to plan on: the burst rule's headroom is the cover
        stoppedGrowth = null;
      }
    }
    int warm = 0;
    if (warmGrowth != null && awake > 0) {
      // predictive: what must already be starting now to serve the median forecast when it comes
      double median = warmGrowth.quantile(0.5);
      int ahead = spec.clamp(replicas(needRate * Math.max(1, median), usable));
      if (ahead > awake) {
        why.append(String.format(Locale.ROOT, "ahead of forecast x%.2f: %d -> %d awake; ", median, awake, ahead));
        awake = ahead;
      }
      if (knobs.warmTier() && need.learned()) {
        double needed = correction * ruleCapacity / burstPerReplica;
        int cap = Math.min(spec.maxReplicas() - awake, (int) Math.ceil(MAX_WARM_SHARE * awake));
        warm = TierSizing.replicas(burst, need.rule(), need.factor(), awake, needed, warmGrowth, 1.0, missWeight(share), cap);
      }
    }
    int stoppedNeed = 0;
    if (knobs.stoppedTier()) {
      double peak = state.rememberPeak(awake, 1.0);
      int forecastNeed = 0;
      if (stoppedGrowth != null && need.learned()) {
        double needed = correction * ruleCapacity / burstPerReplica;
        forecastNeed =
            TierSizing.replicas(burst, need.rule(), need.factor(), awake + warm, needed, stoppedGrowth, knobs.stoppedPriceRatio(), missWeight(share), spec.maxReplicas());
      }
      stoppedNeed = Math.max(forecastNeed, Math.max(0, (int) Math.ceil(peak) - awake));
    }

    why.append(
        String.format(
            Locale.ROOT,
            "%d awake: burst rule %.1f req/s (%s: %.2f x %s) at %.2f req/s per replica, steady %.1f req/s (level %.1f, last %.1f)"
                + " at %.2f req/s per replica (TTFT <= %.1f s for %.1f%%, mix %.0f/%.0f tokens), queued %.0f, SLO correction x%.2f,"
                + " a lower target holds %.0f s",
            awake,
            ruleCapacity,
            need.learned() ? "learned" : "fallback",
            need.factor(),
            need.learned() ? BurstProfile.describe(need.rule()) : "the level",
            burstPerReplica,
            steady,
            obs.level(),
            obs.lastRate(),
            usable,
            target,
            share * 100,
            obs.mix().meanInputTokens(),
            obs.mix().meanOutputTokens(),
            obs.backlog(),
            correction,
            hold));
    if (warmGrowth != null) {
      why.append(
          String.format(
              Locale.ROOT,
              "; forecast %s in %.0f s: median x%.2f (p90 x%.2f) -> %d warm by expected cost, %d stopped",
              warmGrowth.forecaster(),
              nextLead,
              warmGrowth.quantile(0.5),
              warmGrowth.quantile(0.9),
              warm,
              stoppedNeed));
    }
    return new ReplicaPlan(awake, warm, stoppedNeed, usable / correction, capacity, hold, why.toString());
  }

  /**
   * How long a lower target must hold before replicas go: at least the lead time of getting them
   * back, since releasing capacity that returns demand would need sooner than that only trades
   * a saving for misses.
   */
  public static double holdSeconds(Knobs knobs, double reacquireLeadSeconds) {
    return Math.max(knobs.stabilizationSeconds(), reacquireLeadSeconds);
  }

  /**
   * The lead time of capacity that follows the rate level, both to add it and to get it back once
   * released: the stopped tier's. A level climbs gradually, and the stopped tier keeps nodes for
   * the last day's peak, so what a rising level needs comes from stopped nodes, and a replica
   * released as the level falls leaves its node to them. Without the stopped tier it is the
   * supplying tier's lead.
   */
  static double levelLeadSeconds(Knobs knobs, LeadTimes leads, double supplyLeadSeconds) {
    return knobs.stoppedTier() ? Math.min(leads.stoppedSeconds(), supplyLeadSeconds) : supplyLeadSeconds;
  }

  /**
   * Which hold applies: the level's while the capacity follows a rate level (or the fallback on
   * it), the supplying tier's while a recent-need rule sizes it. On/off traffic comes back at full
   * height at once, with no level to climb first, so what its bursts need is judged at and held
   * for the lead of the tier that supplies added capacity (the stopped tier's lead there cost the
   * code trace its 99 %: docs/results.md).
   */
  static double holdFor(BurstProfile.Need need, double supplyHoldSeconds, double levelHoldSeconds) {
    boolean followsLevel = !need.learned() || need.rule() < BurstProfile.LEVEL_TIME_CONSTANTS.length;
    return followsLevel ? levelHoldSeconds : supplyHoldSeconds;
  }

  /**
   * First tokens per second one replica gives through a burst of about a minute: prefill runs
   * first, so new requests start at the prefill rate while the batch has free slots, and at the
   * saturation rate once they are gone. Over the burst that is the saturation rate plus the free
   * slots (at the planned operating point) spread over the burst, never above the prefill rate.
   */
  static double burstRate(ServingProfile profile, TokenMix mix, double target, double usable) {
    double saturation = ReplicaThroughput.saturationRequestsPerSecond(profile, mix);
    double prefill = ReplicaThroughput.prefillRequestsPerSecond(profile, mix);
    double occupancy = SloSizing.evaluate(profile, mix, target, usable, 1, 1).batchOccupancy();
    double freeSlots = Math.max(0, ReplicaThroughput.effectiveBatch(profile, mix) - occupancy);
    double burstSeconds = BurstProfile.LEVEL_TIME_CONSTANTS[0];
    return Math.max(usable, Math.min(prefill, saturation + freeSlots / burstSeconds));
  }

  /**
   * What one avoided cold start is worth, in replica-seconds beyond its own start: its SLO price
   * when the price asks for it (from the requests a cold start keeps waiting, {@link
   * KeepAlive#requestsPerColdStart}), plus the fixed worth; NaN (the hybrid percentiles) without a price.
   * Rounded to 10 % steps, so that the window is costed again only when the worth moves.
   */
  static double coldStartWorth(ColdStartPrice price, double requestsPerColdStart, double share, double usableRate) {
    if (price == null) {
      return Double.NaN;
    }
    double worth = price.fixedWorthSeconds() + (price.bySlo() ? coldStartWorthBySlo(requestsPerColdStart, share, usableRate) : 0);
    if (worth < 1) {
      return 0;
    }
    double step = Math.log(1.1);
    return Math.exp(Math.round(Math.log(worth) / step) * step);
  }

  /**
   * A cold start's SLO price in replica-seconds: each request it keeps waiting past the target
   * weighs {@link #missWeight} served requests, and serving one takes {@code 1 / usableRate}
   * replica-seconds. 0 while no active period is known.
   */
  static double coldStartWorthBySlo(double requestsPerColdStart, double share, double usableRate) {
    if (Double.isNaN(requestsPerColdStart) || usableRate <= 0) {
      return 0;
    }
    return missWeight(share) * requestsPerColdStart / usableRate;
  }

  /** A level forecast expressed as growth over the level now. */
  private static Forecast ratio(Forecast f, double level) {
    return new Forecast(f.point() / level, f.logErrorMean(), f.logErrorSd(), f.logErrorQuantiles(), f.forecaster());
  }

  /** How much a missed request weighs against serving one: the SLO share over its complement. */
  static double missWeight(double share) {
    return share / Math.max(1e-6, 1 - share);
  }

  static int replicas(double rate, double perReplica) {
    if (rate <= 0) {
      return 0;
    }
    return (int) Math.ceil(rate / perReplica - 1e-9);
  }

  /** Forecast steps are minutes; a lead time needs the step that covers its end. */
  static int steps(double seconds) {
    return Math.max(1, (int) Math.ceil(seconds / 60));
  }
}
