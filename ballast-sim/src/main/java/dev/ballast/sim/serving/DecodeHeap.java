package dev.ballast.sim.serving;

import java.util.Arrays;

/**
 * Sequences in a replica's decode batch, keyed by the virtual decode time at which each emits its
 * last token. A min-heap on primitive arrays; ties break on the smaller slot for determinism.
 */
final class DecodeHeap {
  private double[] keys = new double[32];
  private int[] slots = new int[32];
  private int size;

  void push(double key, int slot) {
    if (size == keys.length) {
      keys = Arrays.copyOf(keys, size * 2);
      slots = Arrays.copyOf(slots, size * 2);
    }
    int i = size++;
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (!before(key, slot, keys[parent], slots[parent])) {
        break;
      }
      keys[i] = keys[parent];
      slots[i] = slots[parent];
      i = parent;
    }
    keys[i] = key;
    slots[i] = slot;
  }

  double minKey() {
    return keys[0];
  }

  int minSlot() {
    return slots[0];
  }

  int pop() {
    int top = slots[0];
    int last = --size;
    if (last > 0) {
      double k = keys[last];
      int s = slots[last];
      int i = 0;
      int half = last >>> 1;
      while (i < half) {
        int child = 2 * i + 1;
        int right = child + 1;
        if (right < last && before(keys[right], slots[right], keys[child], slots[child])) {
          child = right;
        }
        if (!before(keys[child], slots[child], k, s)) {
          break;
        }
        keys[i] = keys[child];
        slots[i] = slots[child];
        i = child;
      }
      keys[i] = k;
      slots[i] = s;
    }
    return top;
  }

  int size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }

  private static boolean before(double k1, int s1, double k2, int s2) {
    return k1 < k2 || (k1 == k2 && s1 < s2);
  }
}
