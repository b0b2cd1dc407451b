package dev.ballast.core.placement.scorer;

import dev.ballast.core.placement.Fragmentation;
import dev.ballast.core.placement.GpuSelection;
import dev.ballast.core.placement.GpuTypeFit;
import dev.ballast.core.placement.NodeResources;
import dev.ballast.core.placement.PodShape;
import dev.ballast.core.placement.Scorer;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ballast's placement: first the GPU type that suits the pod's work best per dollar ({@link
 * GpuTypeFit}, in tenths), then, within a type band, FGD's fragmentation gradient with one more
 * pod of look-ahead ({@link NextPodOutlook}): the drop in the node's fragmentation, less {@link
 * #LOOKAHEAD_WEIGHT} times how much worse the next typical pod's best home becomes, at FGD's
 * published resolution and with its consistent ties. A fraction goes to the GPU FGD would choose
 * on the node, the sum breaking FGD's ties.
 */
public final class BallastScorer implements Scorer {
  /**
   * How much the next pod's loss weighs against this pod's fragmentation drop. Chosen on the
   * default trace's first three seeds among 0.5 to 64 (1 is the plain two-step sum; 4 and above
   * left about the same, 8 the least); docs/results.md has all 17 traces with 10 seeds.
   */
  static final double LOOKAHEAD_WEIGHT = 8;

  private final NextPodOutlook outlook;
  private final GpuTypeFit fit;
  /** This pod's gradient per node state (states are shared by identity: {@link NextPodOutlook#state}). */
  private final Map<NextPodOutlook.NodeState, Long> gradientByState = new IdentityHashMap<>();
  private PodShape scoring;

  public BallastScorer(Fragmentation fragmentation, GpuTypeFit fit) {
    this.outlook = fragmentation == null ? null : new NextPodOutlook(fragmentation); // null: a name being validated
    this.fit = fit;
  }

  public BallastScorer(Fragmentation fragmentation) {
    this(fragmentation, GpuTypeFit.NONE);
  }

  @Override
  public String name() {
    return "ballast";
  }

  @Override
  public void beginPod(PodShape pod, List<NodeResources> nodes) {
    outlook.refresh(nodes);
    gradientByState.clear();
    scoring = pod;
  }

  @Override
  public double score(PodShape pod, NodeResources node) {
    long band = Math.round(10 * fit.value(pod, node.gpuType())); // 0..10
    if (pod != scoring) { // scored without beginPod (a direct caller): nothing from another pod may carry over
      gradientByState.clear();
      scoring = pod;
    }
    // nodes in one state (one type, the same CPU and GPUs left, in any order) score alike
    long gradient = gradientByState.computeIfAbsent(outlook.stateOf(node), s -> (long) gradient(pod, node)[0]);
    return band * 1000 + gradient; // the gradient is 0..100
  }

  @Override
  public int[] selectGpus(PodShape pod, NodeResources node) {
    return pod.sharesGpu() ? new int[] {(int) gradient(pod, node)[1]} : GpuSelection.wholeGpus(pod, node);
  }

  /**
   * {score, gpu}. A fraction goes to the GPU FGD would choose, the one whose own fragmentation drop
   * is highest, and among GPUs FGD cannot tell apart to the one with the best look-ahead sum (the
   * first on ties): the outlook weighs other nodes, not other GPUs of one node, where it would
   * only trade this pod's fit for the next one's.
   */
  private double[] gradient(PodShape pod, NodeResources node) {
    NextPodOutlook.Move move = outlook.move(node, pod);
    NextPodOutlook.NodeState now = move.now();
    NextPodOutlook.NodeState[] after = move.after();
    long bestDrop = Long.MIN_VALUE;
    long bestScore = Long.MIN_VALUE;
    int bestGpu = -1;
    for (int g = 0; g < after.length; g++) {
      if (after[g] != null) {
        long drop = FgdScorer.quantized(now.fragmentation() - after[g].fragmentation());
        long s = value(now, after[g]);
        if (bestGpu < 0 || drop > bestDrop || drop == bestDrop && s > bestScore) {
          bestDrop = drop;
          bestScore = s;
          bestGpu = g;
        }
      }
    }
    return new double[] {bestScore, pod.sharesGpu() ? bestGpu : -1};
  }

  private long value(NextPodOutlook.NodeState now, NextPodOutlook.NodeState after) {
    return FgdScorer.quantized(now.fragmentation() - after.fragmentation() - LOOKAHEAD_WEIGHT * outlook.nextPodCost(now, after));
  }
}
