package dev.ballast.core.placement.scorer;

import dev.ballast.core.placement.Fragmentation;
import dev.ballast.core.placement.GpuSelection;
import dev.ballast.core.placement.NodeResources;
import dev.ballast.core.placement.PodShape;
import dev.ballast.core.placement.Scorer;

/**
 * FGD, fragmentation gradient descent (Weng et al., "Beware of Fragmentation", USENIX ATC'23, §4.2):
 * place the pod where it raises the node's GPU fragmentation ({@link Fragmentation}) the least,
 * and a GPU fraction on the GPU of that node that raises it least. Scores are
 * {@code ⌊100 · sigmoid((frag before − frag after) / 1000)⌋} as in the authors' simulator
 * (hkust-adsl/kubernetes-scheduler-simulator, fgd_score.go), ties broken at random.
 */
public final class FgdScorer implements Scorer {
  private final Fragmentation fragmentation;

  public FgdScorer(Fragmentation fragmentation) {
    this.fragmentation = fragmentation;
  }

  @Override
  public String name() {
    return "fgd";
  }

  @Override
  public double score(PodShape pod, NodeResources node) {
    return best(pod, node)[0];
  }

  @Override
  public int[] selectGpus(PodShape pod, NodeResources node) {
    if (!pod.sharesGpu()) {
      return GpuSelection.wholeGpus(pod, node);
    }
    return new int[] {(int) best(pod, node)[1]};
  }

  /** {score, gpu}: for a fraction, the first GPU with the highest score. */
  private double[] best(PodShape pod, NodeResources node) {
    double before = fragmentation.of(node);
    int[] left = node.gpuMilliLeft();
    long cpuAfter = node.cpuMilliLeft() - pod.cpuMilli();
    if (pod.sharesGpu()) {
      long bestScore = Long.MIN_VALUE;
      int bestGpu = -1;
      for (int g = 0; g < left.length; g++) {
        if (left[g] >= pod.gpuMilli()) {
          left[g] -= pod.gpuMilli();
          long s = quantized(before - fragmentation.of(node.gpuType(), cpuAfter, left));
          left[g] += pod.gpuMilli();
          if (bestGpu < 0 || s > bestScore) {
            bestScore = s;
            bestGpu = g;
          }
        }
      }
      return new double[] {bestScore, bestGpu};
    }
    int[] after = Placements.afterPacking(pod, left);
    return new double[] {quantized(before - fragmentation.of(node.gpuType(), cpuAfter, after)), -1};
  }

  static long quantized(double fragDrop) {
    return (long) (100 / (1 + Math.exp(-fragDrop / 1000)));
  }
}
