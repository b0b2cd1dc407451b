package dev.ballast.core.placement;

import java.util.List;
import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * Places one pod at a time in the manner of kube-scheduler's framework: Filter (the node fits),
 * Score (a {@link Scorer}, then its normalization), select the highest, then Permit. Ties go
 * either uniformly at random (upstream kube-scheduler's selectHost) or to the first tied node in
 * the list's order ({@link TieBreak#FIRST}: a fixed order, seeded by the host, makes tie-breaks
 * consistent from pod to pod, as the FGD paper's simulator does by naming its nodes in a seeded
 * random order). Reserve, binding the pod to the
 * chosen GPUs, is the caller's ({@link NodeResources#bind}): the decision itself changes nothing.
 */
public final class Scheduler {
  /** How a tie between equally scored nodes is broken. */
  public enum TieBreak {
    RANDOM,
    FIRST
  }

  private final Scorer scorer;
  private final Permit permit;
  private final TieBreak tieBreak;

  public Scheduler(Scorer scorer, Permit permit, TieBreak tieBreak) {
    this.scorer = scorer;
    this.permit = permit;
    this.tieBreak = tieBreak;
  }

  public Scheduler(Scorer scorer) {
    this(scorer, Permit.ALLOW, TieBreak.RANDOM);
  }

  public Scorer scorer() {
    return scorer;
  }

  public Placement place(PodShape pod, List<NodeResources> nodes, RandomGenerator random) {
    int n = nodes.size();
    int[] feasible = new int[n];
    int count = 0;
    for (int i = 0; i < n; i++) {
      if (nodes.get(i).fits(pod)) {
        feasible[count++] = i;
      }
    }
    if (count == 0) {
      return Placement.unschedulable(String.format(Locale.ROOT, "no node of %d fits %s", n, describe(pod)));
    }
    scorer.beginPod(pod, nodes);
    double[] scores = new double[count];
    for (int k = 0; k < count; k++) {
      scores[k] = scorer.score(pod, nodes.get(feasible[k]));
    }
    scorer.normalize(scores);
    double best = Double.NEGATIVE_INFINITY;
    int chosen = -1;
    int ties = 0;
    for (int k = 0; k < count; k++) {
      if (scores[k] > best) {
        best = scores[k];
        chosen = k;
        ties = 1;
      } else if (scores[k] == best) {
        ties++;
        if (tieBreak == TieBreak.RANDOM && random.nextInt(ties) == 0) {
          chosen = k;
        }
      }
    }
    NodeResources node = nodes.get(feasible[chosen]);
    String held = permit.check(pod, node);
    if (held != null) {
      return Placement.unschedulable("permit held " + describe(pod) + " on " + node.name() + ": " + held);
    }
    int[] gpus = scorer.selectGpus(pod, node);
    return new Placement(
        feasible[chosen],
        gpus,
        best,
        count,
        String.format(Locale.ROOT, "%s: %s on %s, score %.2f, best of %d feasible nodes (%d tied)", scorer.name(), describe(pod), node.name(), best, count, ties));
  }

  static String describe(PodShape pod) {
    String gpu = pod.gpuCount() == 0 ? "no GPU" : pod.sharesGpu() ? pod.gpuMilli() + "m of a GPU" : pod.gpuCount() + " GPU";
    return String.format(Locale.ROOT, "%s (%.1f CPU, %d MiB, %s%s)", pod.name(), pod.cpuMilli() / 1000.0, pod.memoryMib(), gpu, pod.gpuSpec().isEmpty() ? "" : " of " + pod.gpuSpec());
  }
}
