package dev.ballast.operator.capacity;

import dev.ballast.operator.api.v1alpha1.GpuNodePool;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.Comparator;
import java.util.List;

/**
 * One decision across pools: a waiting pod that several pools could host is counted by exactly
 * one of them, the one with the cheapest GPU-hour that still has room (then by name), as the
 * core's {@code NodePlanner} chooses in the twin. Every pool's reconcile computes the same choice
 * from the same pools, so no two pools grow for one pod.
 */
public final class PoolChoice {
  /** A pool as the choice needs it: its price per GPU-hour and whether it may still grow. */
  public record Candidate(GpuNodePool pool, double usdPerGpuHour, boolean hasRoom) {
    String name() {
      return pool.getMetadata().getName();
    }
  }

  private final List<Candidate> candidates;

  public PoolChoice(List<Candidate> candidates) {
    this.candidates = candidates.stream()
        .sorted(Comparator.comparing((Candidate c) -> !c.hasRoom()).thenComparingDouble(Candidate::usdPerGpuHour).thenComparing(Candidate::name))
        .toList();
  }

  /** The pool that should count this pod, or null when no pool wants it. */
  public String poolFor(Pod pod) {
    for (Candidate c : candidates) {
      if (PoolSnapshot.wantsPool(pod, c.pool())) {
        return c.name();
      }
    }
    return null;
  }

  /** Whether a pod this pool wants is counted by a cheaper pool with room instead: the pool named, else null. */
  public String elsewhere(Pod pod, GpuNodePool pool) {
    String chosen = poolFor(pod);
    return chosen == null || chosen.equals(pool.getMetadata().getName()) ? null : chosen;
  }
}
