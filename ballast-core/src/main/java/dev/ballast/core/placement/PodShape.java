package dev.ballast.core.placement;

import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * What a pod asks of a node, as the placement decision sees it: CPU and memory requests, and GPUs,
 * either whole ({@code gpuMilli == 1000}, possibly several) or one fraction of a GPU ({@code
 * gpuCount == 1}, {@code gpuMilli < 1000}). {@code gpuTypes} lists the GPU types the pod may run
 * on; empty means any.
 *
 * @param gpuSpec the GPU-type constraint as written ({@code "V100M16|V100M32"}), part of the shape's identity
 */
public record PodShape(String name, long cpuMilli, long memoryMib, int gpuCount, int gpuMilli, String gpuSpec) {
  public static final int MILLI = 1000;

  public PodShape {
    Objects.requireNonNull(name, "name");
    gpuSpec = gpuSpec == null ? "" : gpuSpec;
    if (cpuMilli < 0 || memoryMib < 0 || gpuCount < 0 || gpuMilli < 0 || gpuMilli > MILLI) {
      throw new IllegalArgumentException(
          "pod " + name + ": need cpu, memory and GPU count >= 0 and GPU milli in 0..1000, got " + cpuMilli + "m, " + memoryMib + " MiB, "
              + gpuCount + " x " + gpuMilli + "m");
    }
    if (gpuCount == 0 && gpuMilli != 0 || gpuCount > 0 && gpuMilli == 0) {
      throw new IllegalArgumentException("pod " + name + ": GPU count and GPU milli must be both zero or both positive");
    }
    if (gpuCount > 1 && gpuMilli < MILLI) {
      throw new IllegalArgumentException("pod " + name + ": a GPU fraction is for one GPU only, got " + gpuCount + " x " + gpuMilli + "m");
    }
  }

  public boolean sharesGpu() {
    return gpuCount == 1 && gpuMilli < MILLI;
  }

  public long totalGpuMilli() {
    return (long) gpuCount * gpuMilli;
  }

  /** Whether the pod may run on GPUs of {@code gpuType} (a pod without GPUs runs anywhere). */
  public boolean allows(String gpuType) {
    if (gpuSpec.isEmpty() || gpuCount == 0) {
      return true;
    }
    if (gpuType == null || gpuType.isEmpty()) {
      return false;
    }
    boolean anyType = false; // scanned without splitting: placement asks this for every node and typical pod
    int from = 0;
    while (true) {
      int bar = gpuSpec.indexOf('|', from);
      int end = bar < 0 ? gpuSpec.length() : bar;
      if (end > from) {
        anyType = true;
        if (end - from == gpuType.length() && gpuSpec.startsWith(gpuType, from)) {
          return true;
        }
      }
      if (bar < 0) {
        return !anyType;
      }
      from = bar + 1;
    }
  }

  public Set<String> gpuTypes() {
    Set<String> s = new LinkedHashSet<>();
    for (String t : gpuSpec.split("\\|")) {
      if (!t.isEmpty()) {
        s.add(t);
      }
    }
    return s;
  }

  /** The shape without its name: pods of one shape are interchangeable to the scheduler. */
  public PodShape anonymous() {
    return new PodShape("", cpuMilli, memoryMib, gpuCount, gpuMilli, gpuSpec);
  }
}
