package dev.ballast.operator.capacity;

import dev.ballast.operator.api.v1alpha1.GpuNodePool;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One decision across pools: each waiting pod that several pools could host is counted by exactly
 * one of them. Oldest pod first, it goes to the pool with the cheapest GPU-hour (then by name)
 * that still has room for its GPUs, and takes that room, so a cheap pool near its maximum keeps
 * the pods it can host and the rest go to the next pool at once, not after its machines join.
 * The core's {@code NodePlanner} in the twin prefers pools the same way, cheapest GPU-hour with
 * room first. Every pool's reconcile computes the same choice from the same pools and pods, so no
 * two pools grow for one pod.
 */
public final class PoolChoice {
  /**
   * A pool as the choice needs it: its price per GPU-hour and the GPUs it can still offer a waiting
   * pod ({@link #roomGpus(int, int, int, int)}).
   */
  public record Candidate(GpuNodePool pool, double usdPerGpuHour, int roomGpus) {
    String name() {
      return pool.getMetadata().getName();
    }
  }

  /**
   * GPUs a pool can still offer waiting pods: those of the nodes it may still add (machines its
   * provider is creating included, since they have no Node yet), and those of its Nodes that a
   * waiting pod cannot use yet but will once the planner acts (standby, stopped, not ready).
   *
   * @param liveNodes the pool's Nodes, those being removed left out
   * @param arrivingNodes those of them that are standby, stopped or not ready
   */
  public static int roomGpus(int maxNodes, int liveNodes, int arrivingNodes, int gpusPerNode) {
    return (Math.max(0, maxNodes - liveNodes) + arrivingNodes) * gpusPerNode;
  }

  private final Map<String, String> chosen = new HashMap<>();

  /** @param pods every pod the reconcile sees; those waiting for a GPU are shared out */
  public PoolChoice(List<Candidate> candidates, List<Pod> pods) {
    List<Candidate> byPrice = candidates.stream().sorted(Comparator.comparingDouble(Candidate::usdPerGpuHour).thenComparing(Candidate::name)).toList();
    Map<String, Integer> room = new HashMap<>();
    byPrice.forEach(c -> room.put(c.name(), c.roomGpus()));
    List<Pod> waiting = pods.stream().filter(PoolSnapshot::waiting)
        .sorted(Comparator.comparing((Pod p) -> String.valueOf(p.getMetadata().getCreationTimestamp())).thenComparing(PoolChoice::key)).toList();
    for (Pod p : waiting) {
      int gpus = PoolSnapshot.gpuRequest(p);
      String fallback = null;
      String pick = null;
      for (Candidate c : byPrice) {
        if (!PoolSnapshot.wantsPool(p, c.pool())) {
          continue;
        }
        fallback = fallback == null ? c.name() : fallback;
        if (room.get(c.name()) >= gpus) {
          pick = c.name();
          break;
        }
      }
      if (pick != null) {
        room.merge(pick, -gpus, Integer::sum);
      }
      String pool = pick != null ? pick : fallback; // no pool has room: the cheapest counts it, and says it waits
      if (pool != null) {
        chosen.put(key(p), pool);
      }
    }
  }

  private static String key(Pod p) {
    return p.getMetadata().getNamespace() + "/" + p.getMetadata().getName();
  }

  /** The pool that should count this waiting pod, or null when no pool wants it. */
  public String poolFor(Pod pod) {
    return chosen.get(key(pod));
  }

  /** Whether a waiting pod this pool wants is counted by another pool instead: the pool named, else null. */
  public String elsewhere(Pod pod, GpuNodePool pool) {
    String pick = poolFor(pod);
    return pick == null || pick.equals(pool.getMetadata().getName()) ? null : pick;
  }
}
