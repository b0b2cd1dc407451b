package dev.ballast.core.placement;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Values remembered per node state: nodes of one GPU type with the same CPU left and the same
 * GPUs left, in any order, are interchangeable to placement, so what is computed for one holds for
 * all. Bounded: past {@code limit} entries it starts afresh.
 */
public final class NodeStateMemo<V> {
  /** What is remembered, computed for a node of {@code gpuType} with this CPU and these GPUs left. */
  @FunctionalInterface
  public interface Compute<V> {
    V of(String gpuType, long cpuLeft, int[] gpuLeft);
  }

  private record Key(String gpuType, long cpuLeft, long gpusHigh, long gpusLow) {}

  private final Map<Key, V> memo = new HashMap<>();
  private final int limit;
  private final Compute<V> compute;

  public NodeStateMemo(int limit, Compute<V> compute) {
    this.limit = limit;
    this.compute = compute;
  }

  public V get(String gpuType, long cpuLeft, int[] gpuLeft) {
    if (gpuLeft.length > 10) {
      return compute.of(gpuType, cpuLeft, gpuLeft); // beyond what a key packs
    }
    int[] sorted = gpuLeft.clone();
    Arrays.sort(sorted);
    Key key = new Key(gpuType, cpuLeft, pack(sorted, 0, 5) << 4 | sorted.length, pack(sorted, 5, sorted.length));
    V v = memo.get(key);
    if (v == null) {
      if (memo.size() > limit) {
        memo.clear();
      }
      v = compute.of(gpuType, cpuLeft, gpuLeft);
      memo.put(key, v);
    }
    return v;
  }

  /** GPUs {@code [from, to)} of a sorted list in 11-bit fields. */
  private static long pack(int[] sorted, int from, int to) {
    long k = 0;
    for (int i = from; i < Math.min(to, sorted.length); i++) {
      k = (k << 11) | sorted[i];
    }
    return k;
  }
}
