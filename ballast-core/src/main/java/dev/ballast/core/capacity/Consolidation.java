package dev.ballast.core.capacity;

import dev.ballast.core.spi.ClusterView;
import dev.ballast.core.spi.NodeView;
import dev.ballast.core.spi.PodPhase;
import dev.ballast.core.spi.PodView;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Consolidation of partly used nodes of several GPUs, make-before-break. A node whose GPUs are held
 * only by serving replicas, at most half of them, for {@code afterSeconds} on end, while fuller
 * nodes of its pool have room for each of them, has its replicas moved: each replica's service
 * first gets one more replica (placement packs it onto a fuller node), and the replica goes only
 * once a replacement of its own serves, one for one, so no service serves with less in between.
 * Then the node is empty and rests like any empty node. One node is emptied at a time, and nodes
 * fuller than half are never touched: well-packed nodes are not disturbed. A replacement that does
 * not serve within {@code timeoutSeconds} is given up.
 */
public final class Consolidation {
  /** How long a replacement may take to serve before its move is given up (a cold node takes about six minutes). */
  public static final double TIMEOUT_SECONDS = 15 * 60;

  /** A replica leaving an under-used node: its service wants one more until the replacement serves. */
  record Move(String podId, String serviceId, String nodeId, double sinceSeconds, Set<String> podsBefore) {}

  private final double afterSeconds;
  private final double timeoutSeconds;
  private final Map<String, Double> underUsedSince = new HashMap<>();
  private final Map<String, Move> moves = new LinkedHashMap<>();
  /** Leaving replica -> the serving replica that replaces it: one for one. */
  private final Map<String, String> replaced = new HashMap<>();
  /** Replacements given to a move, kept while they live so that none replaces a second replica after the first went. */
  private final Set<String> claimed = new HashSet<>();
  private String lastReason = "";

  public Consolidation(double afterSeconds, double timeoutSeconds) {
    this.afterSeconds = afterSeconds;
    this.timeoutSeconds = timeoutSeconds;
  }

  /** How long a node must stay under-used before it is emptied. */
  public double afterSeconds() {
    return afterSeconds;
  }

  /**
   * Follows the moves in flight and, when none is, starts emptying the least used of the nodes
   * that have been under-used long enough and whose replicas fit on fuller nodes. Only replicas
   * that are {@code movable} are moved: those whose replacement would land in the same pool (of
   * the GPU type their service adds capacity on now).
   */
  public void update(ClusterView cluster, double now, java.util.function.Predicate<PodView> movable) {
    Map<String, PodView> pods = new HashMap<>();
    cluster.pods().forEach(p -> pods.put(p.id(), p));
    moves.values().removeIf(m -> !pods.containsKey(m.podId()) || pods.get(m.podId()).phase() != PodPhase.READY || now - m.sinceSeconds() > timeoutSeconds);
    replaced.keySet().retainAll(moves.keySet());
    replaced.values().removeIf(r -> !pods.containsKey(r) || pods.get(r).phase() != PodPhase.READY); // a replacement that went replaces nothing
    claimed.removeIf(r -> !pods.containsKey(r));
    claimed.addAll(replaced.values());
    for (Move m : moves.values()) {
      if (replaced.containsKey(m.podId())) {
        continue;
      }
      for (PodView p : cluster.pods(m.serviceId())) {
        if (p.phase() == PodPhase.READY && !m.podsBefore().contains(p.id()) && !claimed.contains(p.id())) {
          replaced.put(m.podId(), p.id());
          claimed.add(p.id());
          break;
        }
      }
    }
    Map<String, List<PodView>> onNode = new HashMap<>();
    for (PodView p : cluster.pods()) {
      if (p.nodeId() != null) {
        onNode.computeIfAbsent(p.nodeId(), k -> new ArrayList<>()).add(p);
      }
    }
    NodeView chosen = null;
    for (NodeView n : cluster.nodes()) {
      List<PodView> here = onNode.getOrDefault(n.id(), List.of());
      // only a node whose GPUs are all held by serving replicas of these services can be emptied
      boolean under = n.schedulable() && n.gpuCount() > 1 && n.gpusAllocated() > 0 && 2 * n.gpusAllocated() <= n.gpuCount()
          && here.stream().allMatch(p -> p.phase() == PodPhase.READY && movable.test(p)) && gpus(here) == n.gpusAllocated();
      if (!under) {
        underUsedSince.remove(n.id());
        continue;
      }
      double since = underUsedSince.computeIfAbsent(n.id(), k -> now);
      if (now - since >= afterSeconds && fitOnFullerNodes(cluster, n, here)
          && (chosen == null || n.gpusAllocated() < chosen.gpusAllocated())) {
        chosen = n;
      }
    }
    if (chosen == null || !moves.isEmpty()) {
      return;
    }
    for (PodView p : onNode.get(chosen.id())) {
      Set<String> before = new HashSet<>();
      cluster.pods(p.serviceId()).forEach(q -> before.add(q.id()));
      moves.put(p.id(), new Move(p.id(), p.serviceId(), chosen.id(), now, Set.copyOf(before)));
    }
    underUsedSince.remove(chosen.id());
    lastReason = String.format(
        Locale.ROOT, "consolidate %s: %d of %d GPUs in use for %.0f s, its %d replicas move to fuller nodes first",
        chosen.id(), chosen.gpusAllocated(), chosen.gpuCount(), afterSeconds, onNode.get(chosen.id()).size());
  }

  /** Replicas of the service still waiting for their replacement: it wants this many more for now. */
  public int extra(String serviceId) {
    int n = 0;
    for (Move m : moves.values()) {
      if (m.serviceId().equals(serviceId) && !replaced.containsKey(m.podId())) {
        n++;
      }
    }
    return n;
  }

  /** Replicas of the service whose replacement serves: they go first when the service has one too many. */
  public Set<String> retiring(String serviceId) {
    Set<String> out = new HashSet<>();
    for (Move m : moves.values()) {
      if (m.serviceId().equals(serviceId) && replaced.containsKey(m.podId())) {
        out.add(m.podId());
      }
    }
    return out;
  }

  /** Replicas of the service on the node being emptied, replaced or not: those that are to go. */
  public Set<String> moving(String serviceId) {
    Set<String> out = new HashSet<>();
    for (Move m : moves.values()) {
      if (m.serviceId().equals(serviceId)) {
        out.add(m.podId());
      }
    }
    return out;
  }

  /** The node being emptied now, if any (one at a time). */
  public Optional<String> emptying() {
    return moves.values().stream().map(Move::nodeId).findFirst();
  }

  /** Why the latest consolidation started, with its numbers (empty before the first). */
  public String reason() {
    return lastReason;
  }

  private static int gpus(List<PodView> pods) {
    int n = 0;
    for (PodView p : pods) {
      n += p.resources().requests().gpu().deviceCount();
    }
    return n;
  }

  /**
   * Whether the replicas on {@code n} fit, each whole, into the free GPUs of the pool's other
   * schedulable nodes that are fuller than it: largest replica first, each on the node it leaves
   * least free (so that one free GPU on each of two nodes does not count as room for a two-GPU
   * replica).
   */
  private static boolean fitOnFullerNodes(ClusterView cluster, NodeView n, List<PodView> here) {
    List<Integer> free = new ArrayList<>();
    for (NodeView o : cluster.nodes()) {
      if (o != n && o.poolId().equals(n.poolId()) && o.schedulable() && o.gpusAllocated() > n.gpusAllocated() && o.gpusFree() > 0) {
        free.add(o.gpusFree());
      }
    }
    List<Integer> sizes = new ArrayList<>(here.stream().map(p -> p.resources().requests().gpu().deviceCount()).toList());
    sizes.sort(java.util.Comparator.reverseOrder());
    for (int size : sizes) {
      int best = -1;
      for (int i = 0; i < free.size(); i++) {
        if (free.get(i) >= size && (best < 0 || free.get(i) < free.get(best))) {
          best = i;
        }
      }
      if (best < 0) {
        return false;
      }
      free.set(best, free.get(best) - size);
    }
    return true;
  }
}
