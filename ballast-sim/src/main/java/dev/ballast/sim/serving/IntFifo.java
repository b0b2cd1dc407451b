package dev.ballast.sim.serving;

import java.util.Arrays;

/** A growable FIFO of ints (request slots) on a ring buffer: no boxing on the hot path. */
final class IntFifo {
  private int[] items = new int[16];
  private int head;
  private int size;

  void add(int value) {
    if (size == items.length) {
      int[] grown = new int[items.length * 2];
      for (int i = 0; i < size; i++) {
        grown[i] = items[(head + i) & (items.length - 1)];
      }
      items = grown;
      head = 0;
    }
    items[(head + size) & (items.length - 1)] = value;
    size++;
  }

  int peek() {
    return items[head];
  }

  int poll() {
    int v = items[head];
    head = (head + 1) & (items.length - 1);
    size--;
    return v;
  }

  boolean isEmpty() {
    return size == 0;
  }

  int size() {
    return size;
  }

  /** Removes everything, handing each item to {@code sink} in order. */
  void drainTo(java.util.function.IntConsumer sink) {
    while (size > 0) {
      sink.accept(poll());
    }
  }

  @Override
  public String toString() {
    int[] copy = new int[size];
    for (int i = 0; i < size; i++) {
      copy[i] = items[(head + i) & (items.length - 1)];
    }
    return Arrays.toString(copy);
  }
}
