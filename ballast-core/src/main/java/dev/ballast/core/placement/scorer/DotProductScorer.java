package dev.ballast.core.placement.scorer;

import dev.ballast.core.placement.NodeResources;
import dev.ballast.core.placement.PodShape;
import dev.ballast.core.placement.Scorer;

/**
 * DotProduct, the alignment heuristic of Tetris (Grandl et al., SIGCOMM'14): the smaller the dot
 * product of the node's free (CPU, GPU) and the pod's request, each over the largest node's, the
 * better the fit; as the FGD paper's baseline computes it with GPUs merged into one dimension
 * (hkust-adsl/kubernetes-scheduler-simulator, dot_product_score.go, dimExt "merge", norm "max").
 */
public final class DotProductScorer implements Scorer {
  @Override
  public String name() {
    return "dotprod";
  }

  @Override
  public double score(PodShape pod, NodeResources node) {
    if (node.cpuMilliLeft() < pod.cpuMilli()) {
      return 0;
    }
    double dot =
        (node.cpuMilliLeft() / BestFitScorer.MAX_CPU_MILLI) * (pod.cpuMilli() / BestFitScorer.MAX_CPU_MILLI)
            + (node.totalGpuMilliLeft() / BestFitScorer.MAX_GPU_MILLI) * (pod.totalGpuMilli() / BestFitScorer.MAX_GPU_MILLI);
    return (long) (100 * (1 - dot / 2));
  }
}
