package dev.ballast.operator;

import dev.ballast.core.catalog.GpuProducts;
import dev.ballast.core.placement.PodShape;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.List;
import java.util.Map;

/**
 * How a pod asks Ballast for GPUs, and how Ballast records where it put them. A pod that asks for a
 * fraction sets {@code ballast.dev/gpu-milli} (per GPU, 1..1000) and optionally
 * {@code ballast.dev/gpu-memory-mib}, {@code ballast.dev/gpu-isolation} ({@code mps},
 * {@code timeslice}, {@code mig}, {@code exclusive}) and {@code ballast.dev/gpu-types}
 * ({@code H100-80GB|A100-80GB}, catalog ids or feature discovery's product labels); whole GPUs come from the container limit {@code nvidia.com/gpu}.
 * The extender's bind writes {@code ballast.dev/gpu-index} (e.g. {@code 3} or {@code 0-1}).
 */
public final class GpuAnnotations {
  public static final String MILLI = "ballast.dev/gpu-milli";
  public static final String MEMORY_MIB = "ballast.dev/gpu-memory-mib";
  public static final String ISOLATION = "ballast.dev/gpu-isolation";
  public static final String TYPES = "ballast.dev/gpu-types";
  /** GPU types the pod would rather run on, most preferred first, comma-separated (a preference, not a constraint). */
  public static final String PREFERRED_TYPES = "ballast.dev/gpu-type-preference";
  public static final String INDEX = "ballast.dev/gpu-index";
  public static final String NVIDIA_GPU = "nvidia.com/gpu";
  /**
   * NVIDIA GPU feature discovery's node label with the GPU product (e.g. {@code NVIDIA-H100-80GB-HBM3}),
   * read as a catalog GPU type through {@link GpuProducts}.
   */
  public static final String GPU_PRODUCT_LABEL = "nvidia.com/gpu.product";
  /** Feature discovery's label with each GPU's memory, MiB. */
  public static final String GPU_MEMORY_LABEL = "nvidia.com/gpu.memory";
  /** Feature discovery's label with how many times the device plugin advertises each GPU (time-slicing). */
  public static final String GPU_REPLICAS_LABEL = "nvidia.com/gpu.replicas";

  private GpuAnnotations() {}

  /** The pod's annotations, empty when it has none. */
  public static Map<String, String> of(Pod pod) {
    return pod.getMetadata() == null || pod.getMetadata().getAnnotations() == null ? Map.of() : pod.getMetadata().getAnnotations();
  }

  /** The pod's shape for placement; throws IllegalArgumentException on a malformed request. */
  public static PodShape shape(Pod pod) {
    Map<String, String> ann = of(pod);
    long cpu = 0;
    long mem = 0;
    int whole = 0;
    if (pod.getSpec() != null && pod.getSpec().getContainers() != null) {
      for (Container c : pod.getSpec().getContainers()) {
        if (c.getResources() == null) {
          continue;
        }
        Map<String, Quantity> req = c.getResources().getRequests() == null ? Map.of() : c.getResources().getRequests();
        Map<String, Quantity> lim = c.getResources().getLimits() == null ? Map.of() : c.getResources().getLimits();
        if (req.containsKey("cpu")) {
          cpu += Quantity.getAmountInBytes(req.get("cpu")).multiply(java.math.BigDecimal.valueOf(1000)).longValue();
        }
        if (req.containsKey("memory")) {
          mem += Quantity.getAmountInBytes(req.get("memory")).longValue() / (1024 * 1024);
        }
        if (lim.containsKey(NVIDIA_GPU)) {
          whole += Quantity.getAmountInBytes(lim.get(NVIDIA_GPU)).intValue();
        }
      }
    }
    String name = pod.getMetadata().getName() == null ? "pod" : pod.getMetadata().getName();
    String spec = String.join("|", java.util.Arrays.stream(ann.getOrDefault(TYPES, "").split("\\|"))
        .map(GpuProducts::catalogId).filter(t -> !t.isEmpty()).toList());
    if (ann.containsKey(MILLI)) {
      int milli = parse(ann.get(MILLI), MILLI, 1, 1000);
      return new PodShape(name, cpu, mem, 1, milli, spec);
    }
    return new PodShape(name, cpu, mem, whole, whole > 0 ? 1000 : 0, spec);
  }

  /**
   * How the pod shares its GPUs: {@code exclusive} for whole GPUs, else its
   * {@code ballast.dev/gpu-isolation} ({@code mps} when unset).
   */
  public static String sharingMode(Pod pod) {
    Map<String, String> ann = of(pod);
    if (!ann.containsKey(MILLI) && !ann.containsKey(ISOLATION)) {
      return "exclusive";
    }
    return ann.getOrDefault(ISOLATION, "mps").trim().toLowerCase(java.util.Locale.ROOT);
  }

  /** The GPU types the pod prefers, most preferred first, as catalog ids (empty: no preference). */
  public static List<String> preferredTypes(Pod pod) {
    Map<String, String> ann = of(pod);
    return java.util.Arrays.stream(ann.getOrDefault(PREFERRED_TYPES, "").split(",")).map(GpuProducts::catalogId).filter(t -> !t.isEmpty()).distinct().toList();
  }

  /** The GPU memory a fractional pod asks for, MiB (0: unspecified). */
  public static long memoryMib(Pod pod) {
    Map<String, String> ann = of(pod);
    return ann.containsKey(MEMORY_MIB) ? parse(ann.get(MEMORY_MIB), MEMORY_MIB, 1, 10_000_000) : 0;
  }

  static int parse(String value, String what, int min, int max) {
    try {
      int v = Integer.parseInt(value.trim());
      if (v < min || v > max) {
        throw new IllegalArgumentException(what + " must be in " + min + ".." + max + ", got " + v);
      }
      return v;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(what + " must be an integer, got '" + value + "'");
    }
  }
}
