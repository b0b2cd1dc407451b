package dev.ballast.core.scaling;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Keeps scale-down flap-free. Raising capacity is immediate. Lowering it takes the highest target
 * recommended during the stabilization window (so a brief dip does not remove a replica that the
 * next minute needs back), and only when the survivors could carry the current demand with a
 * margin to spare (so N and N−1 never alternate around a boundary).
 */
public final class ScaleDownGuard {
  private final double windowSeconds;
  private final Deque<double[]> recent = new ArrayDeque<>(); // {time, target}
  private double since = Double.NaN;
  private int last = -1;

  public ScaleDownGuard(double windowSeconds) {
    this.windowSeconds = windowSeconds;
  }

  /**
   * The target to apply. The guard compares against the target it last applied (or, the first
   * time, the replicas there are): pods on their way up for another purpose (the warm tier) must
   * not be mistaken for capacity to protect.
   *
   * @param proposed the newly computed target
   * @param current replicas now
   * @param demand current demand (req/s, with its burst headroom)
   * @param perReplicaSafe what one replica carries within the SLO (req/s)
   * @param margin spare share the survivors must keep
   */
  public int apply(double now, int proposed, int current, double demand, double perReplicaSafe, double margin) {
    return apply(now, proposed, current, demand, perReplicaSafe, margin, windowSeconds);
  }

  /** As above, with a window of {@code holdSeconds} (kept samples cover the longest window asked). */
  public int apply(double now, int proposed, int current, double demand, double perReplicaSafe, double margin, double holdSeconds) {
    double window = Math.max(windowSeconds, holdSeconds);
    int held = last < 0 ? current : last;
    last = decide(now, proposed, held, demand, perReplicaSafe, margin, window);
    return last;
  }

  private int decide(double now, int proposed, int current, double demand, double perReplicaSafe, double margin, double window) {
    if (Double.isNaN(since)) {
      since = now;
    }
    recent.addLast(new double[] {now, proposed});
    while (!recent.isEmpty() && now - recent.peekFirst()[0] > window) {
      recent.removeFirst();
    }
    if (proposed >= current) {
      return proposed;
    }
    if (now - since < window) {
      return current; // a full window must be seen before anything goes
    }
    int highest = proposed;
    for (double[] r : recent) {
      highest = Math.max(highest, (int) r[1]);
    }
    int target = Math.min(current, highest);
    while (target < current && demand > target * perReplicaSafe * (1 - margin)) {
      target++; // the survivors could not absorb the load: keep one more
    }
    return target;
  }
}
