package dev.ballast.operator.extender;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.core.placement.NodeResources;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterGpuStateTest {
  static Pod fraction(String name, String node, int milli, String index, String isolation) {
    Pod p = FakeCluster.fractional(name, node, milli, index);
    if (isolation != null) {
      p.getMetadata().getAnnotations().put("ballast.dev/gpu-isolation", isolation);
    }
    return p;
  }

  @Test
  void aNodeIsSeenAsItsCatalogGpuType() {
    NodeResources n = ClusterGpuState.forPod(FakeCluster.node("a", "NVIDIA-H100-80GB-HBM3", 8), List.of(), fraction("new", null, 100, null, null));
    assertThat(n.gpuType()).isEqualTo("H100-80GB");
    assertThat(n.gpuCount()).isEqualTo(8);
  }

  @Test
  void aTimeSlicedGpuAdvertisedFourTimesIsOneDevice() {
    // the labels and allocatable of a node whose one GPU the device plugin shares 4 ways
    Node node = FakeCluster.node("ts", "NVIDIA-H100-80GB-HBM3-SHARED", 4);
    node.getMetadata().getLabels().put("nvidia.com/gpu.replicas", "4");
    NodeResources n = ClusterGpuState.forPod(node, List.of(fraction("a", "ts", 600, "0", "timeslice")), fraction("new", null, 100, null, "timeslice"));
    assertThat(n.gpuType()).isEqualTo("H100-80GB");
    assertThat(n.gpuCount()).isEqualTo(1);
    assertThat(n.gpuMilliLeft()).containsExactly(400);
  }

  @Test
  void aMalformedReplicasLabelCountsAsOne() {
    Node node = FakeCluster.node("odd", "NVIDIA-L4", 2);
    node.getMetadata().getLabels().put("nvidia.com/gpu.replicas", "many");
    assertThat(ClusterGpuState.forPod(node, List.of(), fraction("new", null, 100, null, null)).gpuCount()).isEqualTo(2);
  }

  @Test
  void sharingModesDoNotMixOnOneGpu() {
    Node node = FakeCluster.node("n", "NVIDIA-H100-80GB-HBM3", 3);
    List<Pod> on = List.of(fraction("m", "n", 300, "0", null), fraction("t", "n", 300, "1", "timeslice"));
    // an MPS pod may join the MPS GPU, not the time-sliced one
    assertThat(ClusterGpuState.forPod(node, on, fraction("new", null, 200, null, "mps")).gpuMilliLeft()).containsExactly(700, 0, 1000);
    assertThat(ClusterGpuState.forPod(node, on, fraction("new", null, 200, null, "timeslice")).gpuMilliLeft()).containsExactly(0, 700, 1000);
    assertThat(ClusterGpuState.forPod(node, on, fraction("new", null, 200, null, "mig")).gpuMilliLeft()).containsExactly(0, 0, 1000);
    // an exclusive fraction shares with no one, itself included
    List<Pod> exclusive = List.of(fraction("x", "n", 300, "2", "exclusive"));
    assertThat(ClusterGpuState.forPod(node, exclusive, fraction("new", null, 200, null, "exclusive")).gpuMilliLeft()).containsExactly(1000, 1000, 0);
    assertThat(ClusterGpuState.forPod(node, exclusive, fraction("new", null, 200, null, null)).gpuMilliLeft()).containsExactly(1000, 1000, 0);
  }

  static Pod withMemory(Pod p, long mib) {
    p.getMetadata().getAnnotations().put("ballast.dev/gpu-memory-mib", String.valueOf(mib));
    return p;
  }

  @Test
  void gpuMemoryIsNeverPromisedTwice() {
    // an H100 holds 81,559 MiB; 1,024 are kept back, and a pod on GPU 0 was promised 50,000
    Node node = FakeCluster.node("n", "NVIDIA-H100-80GB-HBM3", 2);
    List<Pod> on = List.of(withMemory(fraction("a", "n", 300, "0", null), 50_000));
    assertThat(ClusterGpuState.forPod(node, on, withMemory(fraction("new", null, 300, null, null), 30_535)).gpuMilliLeft()).containsExactly(700, 1000);
    assertThat(ClusterGpuState.forPod(node, on, withMemory(fraction("new", null, 300, null, null), 30_536)).gpuMilliLeft()).containsExactly(0, 1000);
    // feature discovery's memory label wins over the catalog's figure
    node.getMetadata().getLabels().put("nvidia.com/gpu.memory", "143771");
    assertThat(ClusterGpuState.forPod(node, on, withMemory(fraction("new", null, 300, null, null), 40_000)).gpuMilliLeft()).containsExactly(700, 1000);
    // a pod that names no memory is placed by compute alone
    assertThat(ClusterGpuState.forPod(node, on, fraction("new", null, 300, null, null)).gpuMilliLeft()).containsExactly(700, 1000);
  }

  @Test
  void annotationsThatOverCommitAGpuAreSkippedNotThrown() {
    Node node = FakeCluster.node("n", "NVIDIA-L4", 2);
    List<Pod> on = List.of(fraction("a", "n", 600, "0", null), fraction("b", "n", 600, "0", null));
    assertThat(ClusterGpuState.forPod(node, on, fraction("new", null, 100, null, null)).gpuMilliLeft()).containsExactly(400, 1000);
  }
}
