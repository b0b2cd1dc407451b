package dev.ballast.sim.baseline.karpenter;

import dev.ballast.core.catalog.Catalog;
import dev.ballast.core.spi.Action;
import dev.ballast.core.spi.ClusterView;
import dev.ballast.core.spi.NodePool;
import dev.ballast.core.spi.NodeState;
import dev.ballast.core.spi.NodeView;
import dev.ballast.core.spi.PodPhase;
import dev.ballast.core.spi.PodView;
import dev.ballast.sim.baseline.GpuSlots;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Karpenter's disruption controller under {@code consolidationPolicy: WhenEmptyOrUnderutilized}
 * (kubernetes-sigs/karpenter pkg/controllers/disruption): it polls every 10 s, tries emptiness, then
 * multi-node, then single-node consolidation, and acts on the first method that finds work. A command
 * waits 15 s ({@code consolidationTTL}) and is validated against the cluster as it is then: emptiness
 * deletes those of its nodes still empty, a consolidation runs only if all its nodes are still
 * candidates and their pods still fit on the other nodes. Replacement by a cheaper node is not
 * modelled (every shipped scenario offers one node type per GPU type, so none is ever cheaper).
 */
final class KarpenterDisruption {
  private static final double POLL_SECONDS = 10; // controller.go pollingPeriod
  private static final double VALIDATION_SECONDS = 15; // consolidation.go consolidationTTL
  private static final String AFTER_VALIDATION = String.format(Locale.ROOT, "%.0f s after the decision", VALIDATION_SECONDS);
  private static final int MULTI_NODE_BATCH = 100; // multinodeconsolidation.go: at most 100 candidates at once

  enum Method {
    EMPTINESS,
    MULTI_NODE,
    SINGLE_NODE
  }

  /** A command waiting out its validation period. */
  record Command(Method method, List<String> nodeIds, double decidedAtSeconds) {}

  private record PodsSince(Set<String> podIds, double sinceSeconds) {}

  private final double consolidateAfterSeconds;
  private final double budgetPercent;
  private final Map<String, PodsSince> podsSince = new HashMap<>();
  private Command pending;
  private double nextPollSeconds = Double.NEGATIVE_INFINITY;

  KarpenterDisruption(double consolidateAfterSeconds, double budgetPercent) {
    this.consolidateAfterSeconds = consolidateAfterSeconds;
    this.budgetPercent = budgetPercent;
  }

  /**
   * One tick of the controller. {@code mayStart} is false while the provisioner has pods to place:
   * no new command starts then, but one already waiting is validated and run.
   */
  List<Action> decide(ClusterView cluster, double now, boolean mayStart) {
    boolean due = pending != null ? now >= pending.decidedAtSeconds() + VALIDATION_SECONDS : mayStart && now >= nextPollSeconds;
    if (!due && consolidateAfterSeconds <= 0) {
      return List.of(); // nothing to look at this tick (with a consolidateAfter, pod changes are watched every tick)
    }
    Candidates c = new Candidates(cluster, now);
    if (!due) {
      return List.of();
    }
    if (pending != null) {
      Command cmd = pending;
      pending = null;
      List<Action> done = validateAndRun(cmd, c);
      if (!done.isEmpty()) {
        nextPollSeconds = now; // requeued at once after acting
        return done;
      }
      if (cmd.method() != Method.SINGLE_NODE) {
        start(c, Method.values()[cmd.method().ordinal() + 1], now); // the loop goes on with the next method
      }
      return List.of();
    }
    start(c, Method.EMPTINESS, now);
    return List.of();
  }

  private void start(Candidates c, Method from, double now) {
    for (Method m : Method.values()) {
      if (m.ordinal() < from.ordinal()) {
        continue;
      }
      List<String> nodes =
          switch (m) {
            case EMPTINESS -> c.empties();
            case MULTI_NODE -> c.firstN();
            case SINGLE_NODE -> c.single();
          };
      if (!nodes.isEmpty()) {
        pending = new Command(m, nodes, now);
        return;
      }
    }
    nextPollSeconds = now + POLL_SECONDS;
  }

  private List<Action> validateAndRun(Command cmd, Candidates c) {
    List<NodeView> still = new ArrayList<>();
    for (String id : cmd.nodeIds()) {
      NodeView n = c.candidate(id);
      if (n != null && (cmd.method() != Method.EMPTINESS || c.pods(n).isEmpty())) {
        still.add(n);
      }
    }
    List<NodeView> valid = c.withinBudget(still);
    if (cmd.method() == Method.EMPTINESS) {
      return valid.stream().map(n -> (Action) new Action.RemoveNode(n.id(), "karpenter: consolidate empty node " + n.id() + ", still empty " + AFTER_VALIDATION)).toList();
    }
    if (valid.size() != cmd.nodeIds().size() || !c.fitOnOthers(valid)) {
      return List.of(); // pod churn: the command is abandoned
    }
    String what = cmd.method() == Method.MULTI_NODE ? "multi-node consolidation of " + valid.size() + " nodes" : "single-node consolidation";
    List<Action> actions = new ArrayList<>();
    for (NodeView n : valid) {
      actions.add(new Action.RemoveNode(n.id(), "karpenter: " + what + ", " + n.id() + "'s " + c.pods(n).size() + " pods still fit on other nodes " + AFTER_VALIDATION));
    }
    return actions;
  }

  /** The cluster as the disruption controller sees it at one instant. */
  private final class Candidates {
    private final Catalog catalog;
    private final List<NodeView> ready;
    private final Map<String, NodeView> candidates = new HashMap<>();
    private final Map<String, List<PodView>> podsOn = new HashMap<>();
    private final Map<String, Long> poolSize;
    private final Map<String, NodePool> pools = new HashMap<>();
    private final long budget;

    Candidates(ClusterView cluster, double now) {
      catalog = cluster.catalog();
      ready = cluster.nodes().stream().filter(NodeView::schedulable).toList();
      for (PodView p : cluster.pods()) {
        if (p.nodeId() != null && p.phase() != PodPhase.TERMINATING) {
          podsOn.computeIfAbsent(p.nodeId(), k -> new ArrayList<>()).add(p);
        }
      }
      Set<String> seen = new HashSet<>();
      for (NodeView n : ready) {
        seen.add(n.id());
        if (consolidatable(n, now)) {
          candidates.put(n.id(), n);
        }
      }
      podsSince.keySet().retainAll(seen);
      poolSize = GpuSlots.poolSizes(cluster);
      cluster.nodePools().forEach(p -> pools.put(p.id(), p));
      // helpers.go BuildDisruptionBudgetMapping: a share (rounded up) of the initialized nodes,
      // less those not ready or already being disrupted
      long initialized = cluster.nodes().stream().filter(n -> n.state() == NodeState.READY || n.state() == NodeState.DRAINING).count();
      long disrupting = cluster.nodes().stream().filter(n -> n.state() == NodeState.DRAINING).count();
      budget = Math.max(0, (long) Math.ceil(initialized * budgetPercent / 100.0) - disrupting);
    }

    /** Consolidatable: no pod came or went for {@code consolidateAfter} (nodeclaim Consolidatable condition). */
    private boolean consolidatable(NodeView n, double now) {
      if (consolidateAfterSeconds <= 0) {
        return true;
      }
      Set<String> ids = new HashSet<>();
      pods(n).forEach(p -> ids.add(p.id()));
      PodsSince since = podsSince.get(n.id());
      if (since == null || !since.podIds().equals(ids)) {
        since = new PodsSince(ids, now);
        podsSince.put(n.id(), since);
      }
      return now - since.sinceSeconds() >= consolidateAfterSeconds;
    }

    NodeView candidate(String id) {
      return candidates.get(id);
    }

    List<PodView> pods(NodeView n) {
      return podsOn.getOrDefault(n.id(), List.of());
    }

    /** The candidates in node order, sorted by disruption cost: the pods they would move (types.go). */
    private List<NodeView> sorted() {
      List<NodeView> s = new ArrayList<>();
      for (NodeView n : ready) {
        if (candidates.containsKey(n.id())) {
          s.add(n);
        }
      }
      s.sort(Comparator.comparingInt(n -> pods(n).size()));
      return s;
    }

    /** In order, the nodes the budget and the pools' minimum sizes let go. */
    List<NodeView> withinBudget(List<NodeView> nodes) {
      long left = budget;
      Map<String, Long> size = new HashMap<>(poolSize);
      List<NodeView> out = new ArrayList<>();
      for (NodeView n : nodes) {
        if (left <= 0) {
          break;
        }
        if (size.getOrDefault(n.poolId(), 0L) <= pools.get(n.poolId()).minNodes()) {
          continue;
        }
        size.merge(n.poolId(), -1L, Long::sum);
        left--;
        out.add(n);
      }
      return out;
    }

    List<String> empties() {
      return ids(withinBudget(sorted().stream().filter(n -> pods(n).isEmpty()).toList()));
    }

    /** multinodeconsolidation.go firstNConsolidationOption: the longest prefix, by binary search, whose pods fit elsewhere. */
    List<String> firstN() {
      List<NodeView> c = withinBudget(sorted());
      if (c.size() < 2) {
        return List.of();
      }
      int min = 1;
      int max = c.size() <= MULTI_NODE_BATCH ? c.size() - 1 : MULTI_NODE_BATCH;
      List<NodeView> best = List.of();
      while (min <= max) {
        int mid = (min + max) / 2;
        List<NodeView> prefix = c.subList(0, mid + 1);
        if (fitOnOthers(prefix)) {
          best = prefix;
          min = mid + 1;
        } else {
          max = mid - 1;
        }
      }
      return ids(best);
    }

    /** singlenodeconsolidation.go: the first candidate, by disruption cost, whose pods fit elsewhere. */
    List<String> single() {
      for (NodeView n : sorted()) {
        if (!withinBudget(List.of(n)).isEmpty() && fitOnOthers(List.of(n))) {
          return List.of(n.id());
        }
      }
      return List.of();
    }

    /** Whether the pods of {@code nodes} all fit, largest first, on the schedulable nodes outside them. */
    boolean fitOnOthers(List<NodeView> nodes) {
      Set<String> leaving = new HashSet<>(ids(nodes));
      GpuSlots others = new GpuSlots();
      for (NodeView o : ready) {
        if (!leaving.contains(o.id())) {
          others.add(o, catalog);
        }
      }
      List<PodView> moving = new ArrayList<>();
      nodes.forEach(n -> moving.addAll(pods(n)));
      moving.sort(Comparator.comparingInt(GpuSlots::gpusOf).reversed());
      for (PodView p : moving) {
        if (others.place(p) == null) {
          return false;
        }
      }
      return true;
    }

    private static List<String> ids(List<NodeView> nodes) {
      return nodes.stream().map(NodeView::id).toList();
    }
  }
}
