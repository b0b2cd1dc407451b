package dev.ballast.operator.extender;

import dev.ballast.core.catalog.GpuProducts;
import dev.ballast.core.placement.NodeResources;
import dev.ballast.core.placement.PodShape;
import dev.ballast.operator.GpuAnnotations;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.List;
import java.util.Map;

/** Builds placement's view of a node from the Node object and the pods bound to it. */
public final class ClusterGpuState {
  private ClusterGpuState() {}

  public static NodeResources of(Node node, List<Pod> podsOnNode) {
    Map<String, Quantity> alloc = node.getStatus() == null || node.getStatus().getAllocatable() == null ? Map.of() : node.getStatus().getAllocatable();
    long cpu = alloc.containsKey("cpu") ? Quantity.getAmountInBytes(alloc.get("cpu")).multiply(java.math.BigDecimal.valueOf(1000)).longValue() : 0;
    long mem = alloc.containsKey("memory") ? Quantity.getAmountInBytes(alloc.get("memory")).longValue() / (1024 * 1024) : 0;
    int advertised = alloc.containsKey(GpuAnnotations.NVIDIA_GPU) ? Quantity.getAmountInBytes(alloc.get(GpuAnnotations.NVIDIA_GPU)).intValue() : 0;
    Map<String, String> labels = node.getMetadata().getLabels() == null ? Map.of() : node.getMetadata().getLabels();
    // under the device plugin's time-slicing each GPU is advertised gpu.replicas times; placement needs the devices
    int gpus = advertised / replicas(labels.get(GpuAnnotations.GPU_REPLICAS_LABEL));
    NodeResources n = new NodeResources(node.getMetadata().getName(), GpuProducts.catalogId(labels.get(GpuAnnotations.GPU_PRODUCT_LABEL)), cpu, mem, gpus);
    for (Pod p : podsOnNode) {
      if (p.getStatus() != null && ("Succeeded".equals(p.getStatus().getPhase()) || "Failed".equals(p.getStatus().getPhase()))) {
        continue;
      }
      PodShape shape;
      try {
        shape = GpuAnnotations.shape(p);
      } catch (IllegalArgumentException e) {
        continue; // a malformed pod was refused at admission; it holds no GPU here
      }
      int[] gpuIndex = indices(p, shape, n);
      if (n.fits(shape) && gpuIndex.length == shape.gpuCount()) {
        n.bind(shape, gpuIndex);
      }
    }
    return n;
  }

  private static int replicas(String label) {
    try {
      return label == null ? 1 : Math.max(1, Integer.parseInt(label.trim()));
    } catch (NumberFormatException e) {
      return 1;
    }
  }

  private static int[] indices(Pod p, PodShape shape, NodeResources n) {
    Map<String, String> ann = p.getMetadata().getAnnotations() == null ? Map.of() : p.getMetadata().getAnnotations();
    String idx = ann.get(GpuAnnotations.INDEX);
    if (idx == null || idx.isBlank()) {
      return dev.ballast.core.placement.GpuSelection.bestFit(shape, n);
    }
    try {
      String[] parts = idx.split("-");
      int[] out = new int[parts.length];
      for (int i = 0; i < parts.length; i++) {
        out[i] = Integer.parseInt(parts[i].trim());
        if (out[i] < 0 || out[i] >= n.gpuCount()) {
          return new int[0];
        }
      }
      return out;
    } catch (NumberFormatException e) {
      return new int[0];
    }
  }
}
