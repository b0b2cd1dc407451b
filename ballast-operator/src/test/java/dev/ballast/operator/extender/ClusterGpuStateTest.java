package dev.ballast.operator.extender;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.core.placement.NodeResources;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterGpuStateTest {
  @Test
  void aNodeIsSeenAsItsCatalogGpuType() {
    NodeResources n = ClusterGpuState.of(FakeCluster.node("a", "NVIDIA-H100-80GB-HBM3", 8), List.of());
    assertThat(n.gpuType()).isEqualTo("H100-80GB");
    assertThat(n.gpuCount()).isEqualTo(8);
  }

  @Test
  void aTimeSlicedGpuAdvertisedFourTimesIsOneDevice() {
    // the labels and allocatable of a node whose one GPU the device plugin shares 4 ways
    Node node = FakeCluster.node("ts", "NVIDIA-H100-80GB-HBM3-SHARED", 4);
    node.getMetadata().getLabels().put("nvidia.com/gpu.replicas", "4");
    NodeResources n = ClusterGpuState.of(node, List.of(FakeCluster.fractional("a", "ts", 600, "0")));
    assertThat(n.gpuType()).isEqualTo("H100-80GB");
    assertThat(n.gpuCount()).isEqualTo(1);
    assertThat(n.gpuMilliLeft()).containsExactly(400);
  }

  @Test
  void aMalformedReplicasLabelCountsAsOne() {
    Node node = FakeCluster.node("odd", "NVIDIA-L4", 2);
    node.getMetadata().getLabels().put("nvidia.com/gpu.replicas", "many");
    node.getStatus().getAllocatable().put("nvidia.com/gpu", new Quantity("2"));
    assertThat(ClusterGpuState.of(node, List.of()).gpuCount()).isEqualTo(2);
  }
}
