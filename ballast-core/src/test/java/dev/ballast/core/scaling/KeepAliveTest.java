package dev.ballast.core.scaling;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KeepAliveTest {
  @Test
  void aThinHistoryUsesTheFallbackAndSaysSo() {
    KeepAlive k = new KeepAlive(240, 10, 600);
    for (int i = 0; i < 9; i++) {
      k.idleEnded(300);
    }
    KeepAlive.Window w = k.window();
    assertThat(w.learned()).isFalse();
    assertThat(w.prewarmAfterSeconds()).isZero();
    assertThat(w.keepAliveUntilSeconds()).isEqualTo(600);
    assertThat(w.reason()).contains("fallback", "9 idle periods", "need 10");
  }

  @Test
  void costedOnAThinHistoryItKeepsWarmForWhatAColdStartCostsThenGoesCold() {
    KeepAlive k = new KeepAlive(240, 10, 600);
    for (int i = 0; i < 3; i++) {
      k.idleEnded(3600); // a sparse service: an hour between calls
    }
    double lead = 90;
    KeepAlive.Window w = k.window(lead, 10);
    assertThat(w.learned()).isFalse();
    assertThat(w.warm(99, lead)).isTrue(); // lead + worth = 100 s
    assertThat(w.warm(101, lead)).isFalse();
    assertThat(w.warm(3590, lead)).isFalse(); // no pre-warm without a histogram
    assertThat(w.reason()).contains("3 idle periods seen, need 10", "a cold start's cost");
    // the hybrid window keeps its fixed fallback
    assertThat(k.window().warm(500, lead)).isTrue();
  }

  @Test
  void aRegularIdleTimeIsLearned() {
    KeepAlive k = new KeepAlive(240, 10, 600);
    for (int i = 0; i < 50; i++) {
      k.idleEnded(30 * 60 + i % 30); // idle for 30 minutes, give or take
    }
    KeepAlive.Window w = k.window();
    assertThat(w.learned()).isTrue();
    // unloaded right after activity, pre-warmed shortly before the 30th minute, kept until just past it
    assertThat(w.prewarmAfterSeconds()).isBetween(25 * 60.0, 30 * 60.0);
    assertThat(w.keepAliveUntilSeconds()).isBetween(31 * 60.0, 35 * 60.0);
    assertThat(w.reason()).contains("learned from 50 idle periods");
  }

  @Test
  void idleTimesBeyondTheHistogramFallBack() {
    KeepAlive k = new KeepAlive(60, 10, 600);
    for (int i = 0; i < 40; i++) {
      k.idleEnded(i % 2 == 0 ? 120 : 5 * 3600); // half of them beyond an hour
    }
    KeepAlive.Window w = k.window();
    assertThat(w.learned()).isFalse();
    assertThat(w.reason()).contains("beyond 60 min");
  }

  @Test
  void spreadIdleTimesKeepWarmFromTheHeadToTheTail() {
    KeepAlive k = new KeepAlive(240, 10, 600);
    for (int i = 0; i < 100; i++) {
      k.idleEnded(60 * (1 + i % 20)); // 1 to 20 minutes
    }
    KeepAlive.Window w = k.window();
    assertThat(w.prewarmAfterSeconds()).isLessThan(2 * 60);
    assertThat(w.keepAliveUntilSeconds()).isGreaterThanOrEqualTo(20 * 60);
  }

  @Test
  void atWorthZeroShortIdleTimesAreKeptWarmAndLongOnesGoColdAsSkiRentalDoes() {
    double lead = 120;
    KeepAlive shortGaps = new KeepAlive(240, 10, 600);
    KeepAlive longGaps = new KeepAlive(240, 10, 600);
    for (int i = 0; i < 50; i++) {
      shortGaps.idleEnded(60 + i % 30); // a minute: cheaper to hold than to restart (two minutes)
      longGaps.idleEnded(40 * 60 + i % 30); // forty minutes: a restart is cheaper
    }
    KeepAlive.Window s = shortGaps.window(lead, 0);
    assertThat(s.keepAfterActivitySeconds()).isEqualTo(120);
    assertThat(s.warm(90, lead)).isTrue();
    KeepAlive.Window l = longGaps.window(lead, 0);
    assertThat(l.keepAfterActivitySeconds()).isZero();
    assertThat(l.warm(60, lead)).isFalse();
    assertThat(l.reason()).contains("costed over 50 idle periods", "worth 0 GPU-s");
  }

  @Test
  void aColdStartWorthSomethingPreWarmsARegularGapInsteadOfGoingCold() {
    double lead = 120;
    KeepAlive k = new KeepAlive(240, 10, 600);
    for (int i = 0; i < 50; i++) {
      k.idleEnded(30 * 60 + i % 30); // every thirty minutes
    }
    KeepAlive.Window w = k.window(lead, 600);
    assertThat(w.keepAfterActivitySeconds()).isZero();
    assertThat(w.prewarmAfterSeconds()).isEqualTo(30 * 60);
    assertThat(w.warm(10 * 60, lead)).as("not held through the gap").isFalse();
    assertThat(w.warm(30 * 60 - lead, lead)).as("started a lead time before it is due").isTrue();
    assertThat(w.reason()).contains("ready again after 1800 s idle");
  }

  @Test
  void aColdStartKeepsWaitingTheRequestsOfTheFirstLeadTimeOfAnActivePeriod() {
    KeepAlive k = new KeepAlive(240, 10, 600);
    assertThat(k.requestsPerColdStart(120)).as("nothing known yet").isNaN();
    k.activeEnded(6, 60); // shorter than the lead: all six wait
    k.activeEnded(40, 480); // four times the lead: a quarter of them
    assertThat(k.requestsPerColdStart(120)).isCloseTo((6 + 10) / 2.0, org.assertj.core.data.Offset.offset(1e-9));
    for (int i = 0; i < KeepAlive.ACTIVE_PERIODS_KEPT; i++) {
      k.activeEnded(2, 30);
    }
    assertThat(k.requestsPerColdStart(120)).as("only the last periods count").isEqualTo(2);
  }

  @Test
  void pricedByTheSloABusyServiceIsPreWarmedWhereASparseOneGoesCold() {
    double lead = 120;
    double share = 0.99;
    double usableRate = 10; // requests/s one replica serves within the SLO
    KeepAlive sparse = new KeepAlive(240, 10, 600);
    KeepAlive busy = new KeepAlive(240, 10, 600);
    for (int i = 0; i < 50; i++) {
      sparse.idleEnded(20 * 60 + i % 30); // both idle for twenty minutes between active periods
      busy.idleEnded(20 * 60 + i % 30);
      sparse.activeEnded(1, 10); // one request a period: a cold start misses it, 9.9 replica-seconds of SLO price
      busy.activeEnded(300, 60); // three hundred: 2,970 replica-seconds
    }
    ReplicaPlanner.ColdStartPrice price = new ReplicaPlanner.ColdStartPrice(true, 0);
    KeepAlive.Window s = sparse.window(lead, ReplicaPlanner.coldStartWorth(price, sparse.requestsPerColdStart(lead), share, usableRate));
    KeepAlive.Window b = busy.window(lead, ReplicaPlanner.coldStartWorth(price, busy.requestsPerColdStart(lead), share, usableRate));
    assertThat(s.warm(20 * 60 - lead, lead)).as(s.reason()).isFalse();
    assertThat(b.warm(20 * 60 - lead, lead)).as(b.reason()).isTrue();
    assertThat(b.warm(10 * 60, lead)).as("not held through the gap: " + b.reason()).isFalse();
  }

  @Test
  void costedWindowsCostNoMoreThanThePercentilesAlwaysColdOrAlwaysWarm() {
    java.util.SplittableRandom random = new java.util.SplittableRandom(7);
    double lead = 120;
    double worth = 300;
    KeepAlive.Window alwaysCold = new KeepAlive.Window(0, Double.POSITIVE_INFINITY, 0, true, "cold");
    KeepAlive.Window alwaysWarm = new KeepAlive.Window(Double.POSITIVE_INFINITY, 0, 0, true, "warm");
    for (int trial = 0; trial < 40; trial++) {
      KeepAlive costed = new KeepAlive(240, 10, 600);
      KeepAlive percentiles = new KeepAlive(240, 10, 600);
      double shortShare = random.nextDouble(); // from mostly long gaps to mostly short ones
      int period = 10 + random.nextInt(100);
      double[] gaps = new double[200];
      for (int i = 0; i < gaps.length; i++) {
        gaps[i] = random.nextDouble() < shortShare ? 30 + random.nextInt(240) : 60 * period + random.nextInt(120);
        costed.idleEnded(gaps[i]);
        percentiles.idleEnded(gaps[i]);
      }
      double best = Math.min(expectedCost(percentiles.window(), gaps, lead, worth),
          Math.min(expectedCost(alwaysCold, gaps, lead, worth), expectedCost(alwaysWarm, gaps, lead, worth)));
      assertThat(expectedCost(costed.window(lead, worth), gaps, lead, worth)).as("trial %d", trial).isLessThanOrEqualTo(best * 1.05);
    }
  }

  /** GPU-seconds held idle plus the worth of each cold start, replaying the gaps through a window. */
  private static double expectedCost(KeepAlive.Window w, double[] gaps, double lead, double worth) {
    double cost = 0;
    for (double gap : gaps) {
      double held = 0;
      boolean cold = true;
      for (double t = 0; t < gap; t += 1) {
        if (w.warm(t, lead)) {
          held += 1;
          cold = false;
        } else {
          cold = true;
        }
      }
      cost += held + (cold ? lead + worth : 0);
    }
    return cost;
  }
}
