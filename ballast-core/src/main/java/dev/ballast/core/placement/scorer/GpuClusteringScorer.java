package dev.ballast.core.placement.scorer;

import dev.ballast.core.placement.NodeResources;
import dev.ballast.core.placement.PodShape;
import dev.ballast.core.placement.Scorer;
import java.util.Map;

/**
 * GpuClustering: keep pods of one kind (GPU fractions, 1 GPU, 2 GPUs ...) together. A node that
 * hosts only this kind ranks first, then one hosting several kinds including it, then an idle node,
 * then nodes of other kinds; within each band, the fuller the better (the FGD paper's clustering
 * baseline, hkust-adsl/kubernetes-scheduler-simulator, gpu_clustering_score.go).
 */
public final class GpuClusteringScorer implements Scorer {
  @Override
  public String name() {
    return "gpuclustering";
  }

  @Override
  public double score(PodShape pod, NodeResources node) {
    if (pod.gpuCount() == 0) {
      return 0;
    }
    long fullness = 25 * (8000 - node.totalGpuMilliLeft()) / 8000;
    Map<String, Integer> kinds = node.gpuPodKinds();
    if (kinds.getOrDefault(NodeResources.kind(pod), 0) > 0) {
      return fullness + (kinds.size() == 1 ? 75 : 50);
    }
    return fullness + (kinds.isEmpty() ? 25 : 0);
  }
}
