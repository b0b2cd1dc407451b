package dev.ballast.sim.baseline.karpenter;

import dev.ballast.core.spi.Action;
import dev.ballast.core.spi.ClusterView;
import dev.ballast.core.spi.NodeState;
import dev.ballast.core.spi.NodeView;
import dev.ballast.core.spi.PodView;
import dev.ballast.sim.baseline.karpenter.DisruptionCandidates.Move;
import java.util.ArrayList;
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
 * candidates and can still move the same way. A consolidation that replaces its nodes with one
 * cheaper node launches it, waits for it to be ready (at most 10 minutes, the orchestration queue's
 * {@code maxRetryDuration}), then deletes them. The twin runs one command at a time.
 */
final class KarpenterDisruption {
  private static final double POLL_SECONDS = 10; // controller.go pollingPeriod
  private static final double VALIDATION_SECONDS = 15; // consolidation.go consolidationTTL
  private static final double REPLACEMENT_WAIT_SECONDS = 600; // orchestration/queue.go maxRetryDuration
  private static final String AFTER_VALIDATION = String.format(Locale.ROOT, "%.0f s after the decision", VALIDATION_SECONDS);

  enum Method {
    EMPTINESS,
    MULTI_NODE,
    SINGLE_NODE
  }

  /** A command waiting out its validation period; {@code move} is null for emptiness. */
  private record Command(Method method, List<String> nodeIds, Move move, double decidedAtSeconds) {}

  /** Nodes waiting for their replacement: a ready node of the move's pool not among {@code poolNodesBefore}. */
  private record Replacing(Move move, Set<String> poolNodesBefore, double sinceSeconds) {}

  private record PodsSince(Set<String> podIds, double sinceSeconds) {}

  private final double consolidateAfterSeconds;
  private final double budgetPercent;
  private final Map<String, PodsSince> podsSince = new HashMap<>();
  private Command pending;
  private Replacing replacing;
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
    if (replacing != null) {
      return awaitReplacement(cluster, now);
    }
    boolean due = pending != null ? now >= pending.decidedAtSeconds() + VALIDATION_SECONDS : mayStart && now >= nextPollSeconds;
    if (!due && consolidateAfterSeconds <= 0) {
      return List.of(); // nothing to look at this tick (with a consolidateAfter, pod changes are watched every tick)
    }
    DisruptionCandidates c = candidates(cluster, now);
    if (!due) {
      return List.of();
    }
    if (pending != null) {
      Command cmd = pending;
      pending = null;
      List<Action> done = validateAndRun(cmd, c, cluster, now);
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

  private DisruptionCandidates candidates(ClusterView cluster, double now) {
    if (consolidateAfterSeconds <= 0) {
      return new DisruptionCandidates(cluster, (n, pods) -> true, budgetPercent);
    }
    Set<String> seen = new HashSet<>();
    DisruptionCandidates c = new DisruptionCandidates(cluster, (n, pods) -> consolidatable(n, pods, now, seen), budgetPercent);
    podsSince.keySet().retainAll(seen);
    return c;
  }

  /** Consolidatable: no pod came or went for {@code consolidateAfter} (the nodeclaim's Consolidatable condition). */
  private boolean consolidatable(NodeView n, List<PodView> pods, double now, Set<String> seen) {
    seen.add(n.id());
    Set<String> ids = new HashSet<>();
    pods.forEach(p -> ids.add(p.id()));
    PodsSince since = podsSince.get(n.id());
    if (since == null || !since.podIds().equals(ids)) {
      since = new PodsSince(ids, now);
      podsSince.put(n.id(), since);
    }
    return now - since.sinceSeconds() >= consolidateAfterSeconds;
  }

  private void start(DisruptionCandidates c, Method from, double now) {
    for (Method m : Method.values()) {
      if (m.ordinal() < from.ordinal()) {
        continue;
      }
      List<String> empties = m == Method.EMPTINESS ? c.empties() : List.of();
      Move move = m == Method.MULTI_NODE ? c.firstN() : m == Method.SINGLE_NODE ? c.single() : null;
      if (!empties.isEmpty() || move != null) {
        pending = new Command(m, move == null ? empties : move.nodeIds(), move, now);
        return;
      }
    }
    nextPollSeconds = now + POLL_SECONDS;
  }

  private List<Action> validateAndRun(Command cmd, DisruptionCandidates c, ClusterView cluster, double now) {
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
    Move again = valid.size() == cmd.nodeIds().size() ? c.move(valid) : null;
    if (again == null || !again.equals(cmd.move())) {
      return List.of(); // pod churn: the command is abandoned
    }
    String what = cmd.method() == Method.MULTI_NODE ? "multi-node consolidation of " + valid.size() + " nodes" : "single-node consolidation";
    if (again.replaces()) {
      Set<String> before = new HashSet<>();
      cluster.nodes().stream().filter(n -> n.poolId().equals(again.replacementPoolId())).forEach(n -> before.add(n.id()));
      replacing = new Replacing(again, before, now);
      return List.of(new Action.AddNodes(again.replacementPoolId(), 1,
          "karpenter: " + what + ": one cheaper " + again.replacementPoolId() + " node replaces " + String.join(", ", again.nodeIds()) + " (" + AFTER_VALIDATION + ")"));
    }
    List<Action> actions = new ArrayList<>();
    for (NodeView n : valid) {
      actions.add(new Action.RemoveNode(n.id(), "karpenter: " + what + ", " + n.id() + "'s " + c.pods(n).size() + " pods still fit on other nodes " + AFTER_VALIDATION));
    }
    return actions;
  }

  /** Deletes the replaced nodes once their replacement is ready; gives up after the queue's retry window. */
  private List<Action> awaitReplacement(ClusterView cluster, double now) {
    Replacing r = replacing;
    NodeView replacement = cluster.nodes().stream()
        .filter(n -> n.poolId().equals(r.move().replacementPoolId()) && !r.poolNodesBefore().contains(n.id()) && n.state() == NodeState.READY)
        .findFirst().orElse(null);
    if (replacement == null && now - r.sinceSeconds() < REPLACEMENT_WAIT_SECONDS) {
      return List.of();
    }
    replacing = null;
    nextPollSeconds = now;
    if (replacement == null) {
      return List.of(); // the replacement never came up: the command is dropped and its nodes stay
    }
    Set<String> live = new HashSet<>();
    cluster.nodes().stream().filter(NodeView::schedulable).forEach(n -> live.add(n.id()));
    List<Action> actions = new ArrayList<>();
    for (String id : r.move().nodeIds()) {
      if (live.contains(id)) {
        actions.add(new Action.RemoveNode(id, "karpenter: " + id + " replaced by " + replacement.id() + ", now ready"));
      }
    }
    return actions;
  }
}
