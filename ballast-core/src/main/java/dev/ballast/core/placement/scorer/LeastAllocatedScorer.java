package dev.ballast.core.placement.scorer;

import dev.ballast.core.placement.NodeResources;
import dev.ballast.core.placement.PodShape;
import dev.ballast.core.placement.Scorer;

/**
 * kube-scheduler's default NodeResourcesFit strategy LeastAllocated: the mean over CPU and memory
 * of (capacity − requested after placing the pod) / capacity × 100, as an integer (kubernetes.io,
 * "Resource Bin Packing"; pkg/scheduler/framework/plugins/noderesources/least_allocated.go). It
 * spreads pods and knows nothing of GPUs.
 */
public final class LeastAllocatedScorer implements Scorer {
  @Override
  public String name() {
    return "leastallocated";
  }

  @Override
  public double score(PodShape pod, NodeResources node) {
    long cpu = leastAllocated(node.cpuMilliCapacity() - node.cpuMilliLeft() + pod.cpuMilli(), node.cpuMilliCapacity());
    long mem = leastAllocated(node.memoryMibCapacity() - node.memoryMibLeft() + pod.memoryMib(), node.memoryMibCapacity());
    return (cpu + mem) / 2;
  }

  private static long leastAllocated(long requested, long capacity) {
    if (capacity == 0 || requested > capacity) {
      return 0;
    }
    return (capacity - requested) * 100 / capacity;
  }
}
