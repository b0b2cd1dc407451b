package dev.ballast.core.placement;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * One node as placement sees it: CPU and memory left, and each GPU's milli-GPU left. Its host keeps
 * it current (the twin by binding pods, the operator from its informers); placement decisions only
 * read it. Names follow Kubernetes Dynamic Resource Allocation: the node publishes devices (its
 * GPUs) with a capacity (1000 milli-GPU each) that pods claim a share of.
 */
public final class NodeResources {
  private final String name;
  private final String gpuType;
  private final long cpuMilliCapacity;
  private final long memoryMibCapacity;
  private long cpuMilliLeft;
  private long memoryMibLeft;
  private final int[] gpuMilliLeft;
  /** The fractions (milli-GPU) bound to each GPU, in binding order. */
  private final int[][] fractions;
  private final Map<String, Integer> gpuPodKinds = new HashMap<>();
  /** Bumped by every bind: what was computed from an older version is stale. */
  private long version;

  public NodeResources(String name, String gpuType, long cpuMilli, long memoryMib, int gpus) {
    this.name = name;
    this.gpuType = gpuType == null ? "" : gpuType.intern(); // one instance per type: placement compares it in every cache key
    this.cpuMilliCapacity = cpuMilli;
    this.memoryMibCapacity = memoryMib;
    this.cpuMilliLeft = cpuMilli;
    this.memoryMibLeft = memoryMib;
    this.gpuMilliLeft = new int[gpus];
    Arrays.fill(gpuMilliLeft, PodShape.MILLI);
    this.fractions = new int[gpus][0];
  }

  public String name() {
    return name;
  }

  public String gpuType() {
    return gpuType;
  }

  public int gpuCount() {
    return gpuMilliLeft.length;
  }

  public long cpuMilliLeft() {
    return cpuMilliLeft;
  }

  public long cpuMilliCapacity() {
    return cpuMilliCapacity;
  }

  public long memoryMibLeft() {
    return memoryMibLeft;
  }

  public long memoryMibCapacity() {
    return memoryMibCapacity;
  }

  public int gpuMilliLeft(int gpu) {
    return gpuMilliLeft[gpu];
  }

  public int[] gpuMilliLeft() {
    return gpuMilliLeft.clone();
  }

  public long totalGpuMilliLeft() {
    long t = 0;
    for (int g : gpuMilliLeft) {
      t += g;
    }
    return t;
  }

  public int fullyFreeGpus() {
    int n = 0;
    for (int g : gpuMilliLeft) {
      if (g == PodShape.MILLI) {
        n++;
      }
    }
    return n;
  }

  /** How many binds this node has taken: scorers that remember a node recompute it when this moves. */
  public long version() {
    return version;
  }

  /** How many GPU fractions are bound to {@code gpu}. */
  public int fractionCount(int gpu) {
    return fractions[gpu].length;
  }

  /** The {@code i}-th fraction bound to {@code gpu}, in milli-GPU. */
  public int fraction(int gpu, int i) {
    return fractions[gpu][i];
  }

  /** Pods bound here per kind ({@code share-gpu}, {@code 1-gpu}, {@code 8-gpu}), for clustering scorers. */
  public Map<String, Integer> gpuPodKinds() {
    return gpuPodKinds;
  }

  /** Whether the pod fits: CPU, memory, GPU type, and GPUs (a GPU with the fraction left, or enough whole ones). */
  public boolean fits(PodShape pod) {
    if (pod.cpuMilli() > cpuMilliLeft || pod.memoryMib() > memoryMibLeft) {
      return false;
    }
    if (pod.gpuCount() == 0) {
      return true;
    }
    if (gpuMilliLeft.length == 0 || !pod.allows(gpuType)) {
      return false;
    }
    if (pod.sharesGpu()) {
      for (int g : gpuMilliLeft) {
        if (g >= pod.gpuMilli()) {
          return true;
        }
      }
      return false;
    }
    return fullyFreeGpus() >= pod.gpuCount();
  }

  /** Binds a pod to {@code gpus} (its GPU indices): the Reserve stage. */
  public void bind(PodShape pod, int[] gpus) {
    if (!fits(pod)) {
      throw new IllegalStateException("pod " + pod.name() + " does not fit node " + name);
    }
    if (gpus.length != pod.gpuCount()) {
      throw new IllegalArgumentException("pod " + pod.name() + " needs " + pod.gpuCount() + " GPUs, got " + gpus.length);
    }
    for (int g : gpus) {
      if (gpuMilliLeft[g] < pod.gpuMilli()) {
        throw new IllegalStateException("GPU " + g + " of node " + name + " has " + gpuMilliLeft[g] + "m left, pod " + pod.name() + " asks " + pod.gpuMilli() + "m");
      }
    }
    version++;
    cpuMilliLeft -= pod.cpuMilli();
    memoryMibLeft -= pod.memoryMib();
    for (int g : gpus) {
      gpuMilliLeft[g] -= pod.gpuMilli();
    }
    if (pod.sharesGpu()) {
      int g = gpus[0];
      fractions[g] = Arrays.copyOf(fractions[g], fractions[g].length + 1);
      fractions[g][fractions[g].length - 1] = pod.gpuMilli();
    }
    if (pod.gpuCount() > 0) {
      gpuPodKinds.merge(kind(pod), 1, Integer::sum);
    }
  }

  /** The clustering kind of a GPU pod. */
  public static String kind(PodShape pod) {
    return pod.sharesGpu() ? "share-gpu" : pod.gpuCount() + "-gpu";
  }
}
