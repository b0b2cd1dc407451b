package dev.ballast.core.placement.scorer;

import dev.ballast.core.placement.NodeResources;
import dev.ballast.core.placement.PodShape;
import dev.ballast.core.placement.Scorer;

/**
 * BestFit: the node whose free CPU and GPU, after the pod, are least (each over the largest node's,
 * 128 CPUs and 8 GPUs, weighted equally), scaled to 0..100 and min-max normalized over the feasible
 * nodes in integers, as the FGD paper's baseline does (hkust-adsl/kubernetes-scheduler-simulator,
 * best_fit_score.go).
 */
public final class BestFitScorer implements Scorer {
  static final double MAX_CPU_MILLI = 128_000;
  static final double MAX_GPU_MILLI = 8_000;

  @Override
  public String name() {
    return "bestfit";
  }

  @Override
  public double score(PodShape pod, NodeResources node) {
    double free =
        (node.cpuMilliLeft() - pod.cpuMilli()) / MAX_CPU_MILLI * 0.5 + (node.totalGpuMilliLeft() - pod.totalGpuMilli()) / MAX_GPU_MILLI * 0.5;
    return (long) ((1.0 - free) * 100);
  }

  @Override
  public void normalize(double[] scores) {
    MinMax.normalize(scores);
  }
}
