package dev.ballast.operator.extender;

import dev.ballast.core.catalog.DefaultCatalog;
import dev.ballast.core.catalog.GpuProducts;
import dev.ballast.core.catalog.GpuType;
import dev.ballast.core.placement.NodeResources;
import dev.ballast.core.placement.PodShape;
import dev.ballast.core.placement.sharing.GpuDevice;
import dev.ballast.operator.GpuAnnotations;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.List;
import java.util.Map;

/** Builds placement's view of a node from the Node object and the pods bound to it. */
public final class ClusterGpuState {
  private ClusterGpuState() {}

  /**
   * Placement's view of a node for {@code incoming}. A GPU the pod could not use counts as full:
   * one whose pods share it in another mode (MPS, time-slicing, MIG, exclusive), since modes do
   * not mix on a device (an MPS server refuses other clients; a MIG GPU serves only through its
   * instances); and, for a pod that asks for GPU memory, one whose memory left to promise is less
   * (the device's memory, less {@link GpuDevice#DEFAULT_RESERVED_MIB}, less its pods' requests).
   */
  public static NodeResources forPod(Node node, List<Pod> podsOnNode, Pod incoming) {
    String incomingMode = GpuAnnotations.sharingMode(incoming);
    Map<String, Quantity> alloc = node.getStatus() == null || node.getStatus().getAllocatable() == null ? Map.of() : node.getStatus().getAllocatable();
    long cpu = alloc.containsKey("cpu") ? Quantity.getAmountInBytes(alloc.get("cpu")).multiply(java.math.BigDecimal.valueOf(1000)).longValue() : 0;
    long mem = alloc.containsKey("memory") ? Quantity.getAmountInBytes(alloc.get("memory")).longValue() / (1024 * 1024) : 0;
    int advertised = alloc.containsKey(GpuAnnotations.NVIDIA_GPU) ? Quantity.getAmountInBytes(alloc.get(GpuAnnotations.NVIDIA_GPU)).intValue() : 0;
    Map<String, String> labels = node.getMetadata().getLabels() == null ? Map.of() : node.getMetadata().getLabels();
    // under the device plugin's time-slicing each GPU is advertised gpu.replicas times; placement needs the devices
    int gpus = advertised / positive(labels.get(GpuAnnotations.GPU_REPLICAS_LABEL), 1);
    String type = GpuProducts.catalogId(labels.get(GpuAnnotations.GPU_PRODUCT_LABEL));
    NodeResources n = new NodeResources(node.getMetadata().getName(), type, cpu, mem, gpus);
    Map<Integer, String> closed = new java.util.TreeMap<>();
    long[] promisedMib = new long[gpus];
    for (Pod p : podsOnNode) {
      if (p.getStatus() != null && ("Succeeded".equals(p.getStatus().getPhase()) || "Failed".equals(p.getStatus().getPhase()))) {
        continue;
      }
      PodShape shape;
      long podMib;
      try {
        shape = GpuAnnotations.shape(p);
        podMib = GpuAnnotations.memoryMib(p);
      } catch (IllegalArgumentException e) {
        continue; // a malformed pod was refused at admission; it holds no GPU here
      }
      int[] gpuIndex = indices(p, shape, n);
      if (n.fits(shape) && gpuIndex.length == shape.gpuCount() && roomOn(n, gpuIndex, shape.gpuMilli())) {
        n.bind(shape, gpuIndex);
        String mode = GpuAnnotations.sharingMode(p);
        for (int g : gpuIndex) {
          promisedMib[g] += podMib;
          if (!incomingMode.equals(mode) || mode.equals("exclusive")) {
            closed.put(g, "shared-in-" + mode);
          }
        }
      }
    }
    long wantedMib = GpuAnnotations.memoryMib(incoming);
    long deviceMib = gpuMemoryMib(labels, type);
    for (int g = 0; g < gpus && wantedMib > 0 && deviceMib > 0; g++) {
      if (deviceMib - GpuDevice.DEFAULT_RESERVED_MIB - promisedMib[g] < wantedMib) {
        closed.putIfAbsent(g, "memory-promised");
      }
    }
    int[] left = n.gpuMilliLeft();
    closed.forEach((g, why) -> {
      if (left[g] > 0) {
        n.bind(new PodShape(why, 0, 0, 1, left[g], ""), new int[] {g});
      }
    });
    return n;
  }

  /** Each GPU's memory: feature discovery's {@code nvidia.com/gpu.memory} label, else the catalog's, else 0 (unknown). */
  private static long gpuMemoryMib(Map<String, String> labels, String type) {
    long labelled = positive(labels.get(GpuAnnotations.GPU_MEMORY_LABEL), 0);
    if (labelled > 0) {
      return labelled;
    }
    GpuType known = DefaultCatalog.get().gpus().get(type);
    return known == null ? 0 : known.memoryMiB();
  }

  /** Whether each of {@code gpus} has {@code milli} left (annotations written by hand can over-commit). */
  private static boolean roomOn(NodeResources n, int[] gpus, int milli) {
    int[] left = n.gpuMilliLeft();
    for (int g : gpus) {
      if (left[g] < milli) {
        return false;
      }
    }
    return true;
  }

  /** A label's positive integer, or {@code otherwise} when it is absent or malformed. */
  private static int positive(String label, int otherwise) {
    try {
      int v = label == null ? otherwise : Integer.parseInt(label.trim());
      return v > 0 ? v : otherwise;
    } catch (NumberFormatException e) {
      return otherwise;
    }
  }

  private static int[] indices(Pod p, PodShape shape, NodeResources n) {
    Map<String, String> ann = GpuAnnotations.of(p);
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
