package dev.ballast.core.scaling;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

/**
 * How much capacity a service needs so that, in the traffic seen lately, at most its burst budget
 * of requests would have waited past the TTFT target, learned online from its scrape intervals.
 *
 * <p>It weighs capacity rules, each "hold {@code k ×} a basis": the one-minute rate level
 * (traffic whose bursts ride on its level, like chat), or the capacity the last five, twenty or
 * sixty minutes of traffic needed (on/off traffic whose bursts do not scale with any level, like
 * batch code completion: the longer the memory, the closer to a constant); the candidates are
 * arrays, so more can join. For every rule
 * it replays the window: each interval's basis is computed only from what came before it; a
 * policy following the rule removes capacity after the scale-down stabilization but adds it a lead
 * time late, so it holds {@code k × min(guarded basis now, guarded basis one lead time ago)}. A
 * fluid queue, carrying its backlog from one interval to the next, then says which requests would
 * have waited past T ({@link FluidQueue}). Each rule's k is the smallest that keeps
 * the missed share within budget. To choose between rules on evidence rather than hindsight, each
 * is also fitted on the older two thirds of the window and tested on the newest third; of the rules
 * that held their budget there (within twice it), the one whose capacity would have averaged least
 * is used, a challenger replacing the current rule only when at least a tenth cheaper.
 */
public final class BurstProfile {
  /** Smoothing time constants of the level rules, seconds. */
  public static final double[] LEVEL_TIME_CONSTANTS = {60};

  /** Look-back of the recent-need rules, seconds. */
  public static final double[] NEED_WINDOWS = {300, 1200, 3600};

  static final double SWITCH_MARGIN = 0.9;

  /** History a basis needs before its intervals are judged: the longest look-back or smoothing. */
  static final double HISTORY_NEEDED_SECONDS = 300;

  private record Interval(double seconds, double arrivals, double[] basis) {}

  private final Deque<Interval> recent = new ArrayDeque<>();
  private final Deque<Interval> window = new ArrayDeque<>();
  private final double windowSeconds;
  private final double targetSeconds;
  private final double budget;
  private double recentSeconds;
  private double heldSeconds;
  private double heldArrivals;
  private double observedSeconds;
  private Need cached;
  /** The lead times and holds {@link #cached} was fitted for. */
  private record FittedFor(double lag, double guard, double levelLag, double levelGuard) {}

  private FittedFor cachedFor;
  private double cachedAt = Double.NEGATIVE_INFINITY;
  private double[] needsNow = new double[NEED_WINDOWS.length];

  /** How often the rules are refitted, in seconds of traffic. */
  static final double REFIT_SECONDS = 60;
  private int current = 0;
  private final LevelShiftWatch shiftWatch = new LevelShiftWatch();

  /**
   * @param targetSeconds the TTFT target
   * @param budget share of requests allowed to wait past it because of bursts
   */
  public BurstProfile(double windowSeconds, double targetSeconds, double budget) {
    this.windowSeconds = windowSeconds;
    this.targetSeconds = targetSeconds;
    this.budget = budget;
  }

  private static double maxNeedWindow() {
    double m = 0;
    for (double w : NEED_WINDOWS) {
      m = Math.max(m, w);
    }
    return m;
  }

  public static int rules() {
    return LEVEL_TIME_CONSTANTS.length + NEED_WINDOWS.length;
  }

  public static String describe(int rule) {
    return rule < LEVEL_TIME_CONSTANTS.length
        ? String.format(Locale.ROOT, "the %.0f s rate level", LEVEL_TIME_CONSTANTS[rule])
        : String.format(Locale.ROOT, "the last %.0f min's need", NEED_WINDOWS[rule - LEVEL_TIME_CONSTANTS.length] / 60);
  }

  /**
   * One scrape interval: its length, its arrivals, and the levels tracked before it. It is judged
   * only once every basis has had a full horizon of history behind it: a level fresh from its
   * first samples, or a need over a partial window, would teach the profile to cover its own
   * start-up.
   */
  public void add(double seconds, double arrivals, double[] levelsBefore) {
    if (seconds <= 0) {
      return;
    }
    Interval interval = new Interval(seconds, arrivals, basisNow(levelsBefore));
    recent.addLast(interval);
    recentSeconds += seconds;
    while (recentSeconds - recent.peekFirst().seconds() >= maxNeedWindow()) {
      recentSeconds -= recent.removeFirst().seconds();
    }
    for (int w = 0; w < NEED_WINDOWS.length; w++) {
      needsNow[w] = recentNeed(NEED_WINDOWS[w]);
    }
    watchForShift(seconds, levelsBefore[0]);
    observedSeconds += seconds;
    if (observedSeconds - seconds < HISTORY_NEEDED_SECONDS) {
      return;
    }
    window.addLast(interval);
    heldSeconds += seconds;
    heldArrivals += arrivals;
    while (heldSeconds - window.peekFirst().seconds() >= windowSeconds) {
      Interval old = window.removeFirst();
      heldSeconds -= old.seconds();
      heldArrivals -= old.arrivals();
    }
  }

  /** A level shift restarts the learning; while one is suspected, {@link #need} falls back ({@link LevelShiftWatch}). */
  private void watchForShift(double seconds, double level) {
    switch (shiftWatch.observe(seconds, level, () -> maxLevelOlderThan(LevelShiftWatch.SHIFT_CONFIRM_SECONDS))) {
      case NONE -> {}
      case SUSPECTED, PASSED -> cached = null;
      case CONFIRMED -> {
        window.clear();
        heldSeconds = 0;
        heldArrivals = 0;
        cached = null;
        current = 0;
      }
    }
  }

  /** The highest level-rule basis among judged intervals older than {@code seconds}; 0 when none. */
  private double maxLevelOlderThan(double seconds) {
    double age = 0;
    double max = 0;
    var it = window.descendingIterator();
    while (it.hasNext()) {
      Interval i = it.next();
      age += i.seconds();
      if (age > seconds) {
        max = Math.max(max, i.basis()[0]);
      }
    }
    return max;
  }

  /** True while demand is above anything the window has seen and the fallback applies. */
  public boolean shiftSuspected() {
    return shiftWatch.suspected();
  }

  /** Level shifts seen so far (each restarted the learning). */
  public int shifts() {
    return shiftWatch.shifts();
  }

  /** Every rule's basis now, from the levels now and the intervals seen so far. */
  public double[] basisNow(double[] levels) {
    double[] basis = new double[rules()];
    System.arraycopy(levels, 0, basis, 0, LEVEL_TIME_CONSTANTS.length);
    System.arraycopy(needsNow, 0, basis, LEVEL_TIME_CONSTANTS.length, NEED_WINDOWS.length);
    return basis;
  }

  /** The constant capacity (req/s) the last {@code seconds} of traffic needed to stay within budget. */
  double recentNeed(double seconds) {
    double span = 0;
    int count = 0;
    double max = 0;
    var it = recent.descendingIterator();
    while (it.hasNext() && span < seconds) { // a young service's need covers what it has seen
      Interval i = it.next();
      span += i.seconds();
      count++;
      max = Math.max(max, i.arrivals() / i.seconds());
    }
    if (count == 0 || max == 0) {
      return 0;
    }
    double lo = max * 1e-3;
    double hi = max;
    if (recentMissed(lo, count) <= budget) {
      return lo;
    }
    while (hi / lo > 1.01) { // to 1 %, bisecting in log space
      double mid = Math.sqrt(lo * hi);
      if (recentMissed(mid, count) <= budget) {
        hi = mid;
      } else {
        lo = mid;
      }
    }
    return hi;
  }

  private double recentMissed(double capacity, int count) {
    double missed = 0;
    double total = 0;
    FluidQueue queue = new FluidQueue(targetSeconds);
    var it = recent.iterator();
    for (int skip = recent.size() - count; skip > 0; skip--) {
      it.next();
    }
    while (it.hasNext()) {
      Interval i = it.next();
      missed += queue.late(i.seconds(), i.arrivals(), capacity);
      total += i.arrivals();
    }
    return total == 0 ? 0 : missed / total;
  }

  public double arrivalsSeen() {
    return heldArrivals;
  }

  /** The basis of {@code rule} in each judged interval as a policy following it could have held it. */
  double[] effectiveBasis(int rule, double lagSeconds, double guardSeconds) {
    int n = window.size();
    double[] basis = new double[n];
    double[] start = new double[n];
    int idx = 0;
    double t = 0;
    for (Interval i : window) {
      basis[idx] = i.basis()[rule];
      start[idx] = t;
      t += i.seconds();
      idx++;
    }
    double[] guarded = new double[n];
    int g = 0;
    for (int i = 0; i < n; i++) {
      while (start[i] - start[g] > guardSeconds) {
        g++;
      }
      double m = 0;
      for (int j = g; j <= i; j++) {
        m = Math.max(m, basis[j]);
      }
      guarded[i] = m;
    }
    double[] effective = new double[n];
    int j = 0;
    for (int i = 0; i < n; i++) {
      while (j < i && start[i] - start[j + 1] >= lagSeconds) {
        j++;
      }
      double lagged = start[i] - start[j] >= lagSeconds ? guarded[j] : guarded[0];
      effective[i] = Math.min(guarded[i], lagged);
    }
    return effective;
  }

  /** Missed share of the window for {@code factor × effective basis}. */
  double missedShare(double[] effective, double factor) {
    return missedShare(effective, factor, 0, window.size());
  }

  /** Missed share of intervals {@code [from, to)} for {@code factor × effective basis}. */
  double missedShare(double[] effective, double factor, int from, int to) {
    double missed = 0;
    double total = 0;
    int idx = 0;
    FluidQueue queue = new FluidQueue(targetSeconds);
    for (Interval i : window) {
      if (idx >= to) {
        break;
      }
      double late = queue.late(i.seconds(), i.arrivals(), factor * effective[idx]); // earlier intervals leave their queue
      if (idx >= from) {
        missed += late;
        total += i.arrivals();
      }
      idx++;
    }
    return total <= 0 ? 0 : missed / total;
  }

  /** Share of the window a capacity of {@code factor} times the rule's basis (no lag) would miss: the curve the warm tier prices. */
  public double missedShareAt(int rule, double factor) {
    if (heldArrivals <= 0) {
      return 0;
    }
    double missed = 0;
    FluidQueue queue = new FluidQueue(targetSeconds);
    for (Interval i : window) {
      missed += queue.late(i.seconds(), i.arrivals(), factor * i.basis()[rule]);
    }
    return missed / heldArrivals;
  }

  private double factorFor(double[] effective, int from, int to) {
    double lo = 0.5;
    double hi = 200;
    if (missedShare(effective, hi, from, to) > budget) {
      return Double.POSITIVE_INFINITY;
    }
    if (missedShare(effective, lo, from, to) <= budget) {
      return lo;
    }
    while (hi / lo > 1.005) { // to half a percent, bisecting in log space
      double mid = Math.sqrt(lo * hi);
      if (missedShare(effective, mid, from, to) <= budget) {
        hi = mid;
      } else {
        lo = mid;
      }
    }
    return hi;
  }

  /**
   * The rule and factor to size with, given the lead time of added capacity and the scale-down
   * stabilization; {@code fallbackFactor} on the fastest level until {@code minArrivals} were judged.
   */
  public Need need(double lagSeconds, double guardSeconds, double minArrivals, double fallbackFactor) {
    return need(lagSeconds, guardSeconds, lagSeconds, guardSeconds, minArrivals, fallbackFactor);
  }

  /** As above, the level rules replayed with their own lead time and scale-down hold. */
  public Need need(double lagSeconds, double guardSeconds, double levelLagSeconds, double levelGuardSeconds, double minArrivals, double fallbackFactor) {
    if (heldArrivals < minArrivals || shiftSuspected()) {
      return new Need(0, fallbackFactor, Double.NaN, false);
    }
    boolean fresh = observedSeconds - cachedAt < REFIT_SECONDS;
    FittedFor asked = new FittedFor(lagSeconds, guardSeconds, levelLagSeconds, levelGuardSeconds);
    if (cached != null && fresh && asked.equals(cachedFor)) {
      return cached; // the fit moves slowly: refitted once a minute of traffic, or at once after a shift
    }
    // evidence, not hindsight: each rule is fitted on the older two thirds of the window and
    // tested on the newest third; the cheapest rule that held its budget there (within 2x) wins
    int n = window.size();
    int split = (2 * n) / 3;
    double[] factors = new double[rules()];
    double[] costs = new double[rules()];
    double[] validated = new double[rules()];
    for (int r = 0; r < rules(); r++) {
      boolean level = r < LEVEL_TIME_CONSTANTS.length;
      double[] eff = effectiveBasis(r, level ? levelLagSeconds : lagSeconds, level ? levelGuardSeconds : guardSeconds);
      double fitted = factorFor(eff, 0, split);
      validated[r] = Double.isFinite(fitted) && split < n ? missedShare(eff, fitted, split, n) : Double.POSITIVE_INFINITY;
      factors[r] = factorFor(eff, 0, n);
      double sum = 0;
      int idx = 0;
      for (Interval i : window) {
        sum += factors[r] * eff[idx++] * i.seconds();
      }
      costs[r] = Double.isFinite(factors[r]) ? sum / heldSeconds : Double.POSITIVE_INFINITY;
    }
    int best = -1;
    for (int r = 0; r < rules(); r++) {
      boolean held = validated[r] <= 2 * budget;
      if (held && Double.isFinite(costs[r]) && (best < 0 || costs[r] < costs[best] * (best == current ? SWITCH_MARGIN : 1))) {
        best = r;
      }
    }
    if (best < 0) { // none held out of sample: the one that came closest
      best = 0;
      for (int r = 1; r < rules(); r++) {
        if (validated[r] < validated[best]) {
          best = r;
        }
      }
    }
    if (best != current && Double.isFinite(costs[current]) && validated[current] <= 2 * budget && costs[best] > costs[current] * SWITCH_MARGIN) {
      best = current; // a challenger must be clearly cheaper to replace a rule that holds
    }
    current = best;
    cached = new Need(best, factors[best], costs[best], true);
    cachedFor = asked;
    cachedAt = observedSeconds;
    return cached;
  }

  /**
   * @param rule which basis to follow (see {@link #describe})
   * @param factor how many times the basis to hold
   * @param meanCapacity what the rule would have held on average over the window (req/s)
   * @param learned false while the fallback applies
   */
  public record Need(int rule, double factor, double meanCapacity, boolean learned) {}
}
