package dev.ballast.sim.baseline.hpa;

import java.util.ArrayList;
import java.util.List;

/**
 * One HorizontalPodAutoscaler's memory and normalization: stored recommendations and scale events
 * with their times, turned into {@link Behavior} calls at each sync. Defaults to the API's
 * default behavior (kubernetes pkg/apis/autoscaling/v2/defaults.go).
 */
public final class HpaController {
  private final ScalingRules up;
  private final ScalingRules down;
  private final List<double[]> recommendations = new ArrayList<>(); // {time, replicas}
  private final List<double[]> upEvents = new ArrayList<>(); // {time, change, outdated}
  private final List<double[]> downEvents = new ArrayList<>();

  public HpaController(ScalingRules up, ScalingRules down) {
    this.up = up;
    this.down = down;
  }

  public static HpaController withDefaultBehavior() {
    return new HpaController(ScalingRules.defaultUp(), ScalingRules.defaultDown());
  }

  /** Normalizes a raw recommendation and records the outcome; returns the replicas to apply. */
  public Behavior.Limited normalize(double now, int current, int rawDesired, int min, int max) {
    int upWindow = up.stabilizationWindowSeconds() == null ? 0 : up.stabilizationWindowSeconds();
    int downWindow =
        down.stabilizationWindowSeconds() == null ? Behavior.DEFAULT_DOWNSCALE_WINDOW_SECONDS : down.stabilizationWindowSeconds();
    List<Behavior.Recommendation> stored = new ArrayList<>();
    for (double[] r : recommendations) {
      stored.add(new Behavior.Recommendation((int) r[1], now - r[0]));
    }
    Behavior.Stabilized s = Behavior.stabilize(current, rawDesired, upWindow, downWindow, stored);
    int reuse = -1;
    for (int i = 0; i < recommendations.size(); i++) {
      double age = now - recommendations.get(i)[0];
      if (age > upWindow && age > downWindow) {
        reuse = i;
      }
    }
    if (reuse >= 0) {
      recommendations.set(reuse, new double[] {now, rawDesired});
    } else {
      recommendations.add(new double[] {now, rawDesired});
    }
    Behavior.Limited limited =
        Behavior.rateLimit(current, s.replicas(), min, max, up, down, events(upEvents, now), events(downEvents, now));
    int change = limited.replicas() - current;
    if (change > 0) {
      store(upEvents, up, change, now);
    } else if (change < 0) {
      store(downEvents, down, -change, now);
    }
    return limited;
  }

  private static List<Behavior.ScaleEvent> events(List<double[]> raw, double now) {
    List<Behavior.ScaleEvent> list = new ArrayList<>(raw.size());
    for (double[] e : raw) {
      list.add(new Behavior.ScaleEvent((int) e[1], now - e[0], e[2] != 0));
    }
    return list;
  }

  private static void store(List<double[]> raw, ScalingRules rules, int change, double now) {
    Behavior.Stored stored = Behavior.storeEvent(rules, events(raw, now), change, rules.longestPeriodSeconds());
    List<double[]> next = new ArrayList<>();
    for (Behavior.ScaleEvent e : stored.eventsAfter()) {
      next.add(new double[] {now - e.ageSeconds(), e.replicaChange(), e.outdated() ? 1 : 0});
    }
    raw.clear();
    raw.addAll(next);
  }
}
