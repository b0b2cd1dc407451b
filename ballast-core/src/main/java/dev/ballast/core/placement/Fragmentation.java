package dev.ballast.core.placement;

import java.util.HashMap;
import java.util.Map;

/**
 * GPU fragmentation of a node against a workload (Weng et al., "Beware of Fragmentation", USENIX
 * ATC'23, §4.1): the expected milli-GPU left on the node that an arriving typical pod could not use.
 * For each typical pod, weighted by its share: when the node can host it, the GPUs with less left
 * than the pod's per-GPU request count as fragment; when it cannot (too few GPUs, too little CPU,
 * the wrong GPU type, or a pod needing no GPU at all), every GPU milli left counts. Results are
 * remembered per node state, since nodes of one type in one state are interchangeable.
 */
public final class Fragmentation {
  private final TypicalPods typical;
  private final NodeStateMemo<Double> memo = new NodeStateMemo<>(2_000_000, this::compute);
  private final Map<String, boolean[]> allowedOn = new HashMap<>();

  public Fragmentation(TypicalPods typical) {
    this.typical = typical;
  }

  public TypicalPods typical() {
    return typical;
  }

  /** The node's fragmentation now, in milli-GPU. */
  public double of(NodeResources node) {
    return of(node.gpuType(), node.cpuMilliLeft(), node.gpuMilliLeft());
  }

  /** The fragmentation of a node of {@code gpuType} with {@code cpuLeft} and these GPUs left. */
  public double of(String gpuType, long cpuLeft, int[] gpuLeft) {
    return memo.get(gpuType, cpuLeft, gpuLeft);
  }

  private double compute(String gpuType, long cpuLeft, int[] gpuLeft) {
    long total = 0;
    for (int g : gpuLeft) {
      total += g;
    }
    if (total == 0) {
      return 0;
    }
    double frag = 0;
    boolean[] allowed = allowedOn.computeIfAbsent(gpuType, this::allowedOn);
    for (int i = 0; i < allowed.length; i++) {
      TypicalPods.Entry e = typical.entries().get(i);
      PodShape p = e.shape();
      double unusable;
      if (p.gpuMilli() == 0 || !allowed[i] || gpuType.isEmpty()) {
        unusable = total; // the pod needs no GPU, or may not use these
      } else {
        int hosts = 0;
        long smaller = 0;
        for (int g : gpuLeft) {
          if (g >= p.gpuMilli()) {
            hosts++;
          } else {
            smaller += g;
          }
        }
        boolean gpuFits = hosts >= p.gpuCount();
        unusable = gpuFits && cpuLeft >= p.cpuMilli() ? smaller : total;
      }
      frag += e.share() * unusable;
    }
    return frag;
  }

  /** Which typical pods may use GPUs of {@code gpuType}. */
  private boolean[] allowedOn(String gpuType) {
    boolean[] allowed = new boolean[typical.entries().size()];
    for (int i = 0; i < allowed.length; i++) {
      allowed[i] = typical.entries().get(i).shape().allows(gpuType);
    }
    return allowed;
  }

}
