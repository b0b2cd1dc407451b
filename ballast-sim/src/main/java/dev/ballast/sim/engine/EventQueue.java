package dev.ballast.sim.engine;

import java.util.Arrays;

/**
 * The twin's event queue: a binary min-heap on (time, sequence) over primitive arrays, so that
 * the serving hot path allocates nothing. Events at the same time run in the order they were
 * scheduled, which makes every run deterministic.
 *
 * <p>An event is a {@code long} payload (see {@link EventKind}); the sequence number returned by
 * {@link #push} lets the owner of an event recognise a superseded one and skip it.
 */
public final class EventQueue {
  private double[] times = new double[256];
  private long[] seqs = new long[256];
  private long[] payloads = new long[256];
  private int size;
  private long nextSeq;

  /** Schedules an event and returns its sequence number. */
  public long push(double time, long payload) {
    if (Double.isNaN(time)) {
      throw new IllegalArgumentException("event time is NaN");
    }
    if (size == times.length) {
      int n = size * 2;
      times = Arrays.copyOf(times, n);
      seqs = Arrays.copyOf(seqs, n);
      payloads = Arrays.copyOf(payloads, n);
    }
    long seq = nextSeq++;
    int i = size++;
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (!before(time, seq, times[parent], seqs[parent])) {
        break;
      }
      times[i] = times[parent];
      seqs[i] = seqs[parent];
      payloads[i] = payloads[parent];
      i = parent;
    }
    times[i] = time;
    seqs[i] = seq;
    payloads[i] = payload;
    return seq;
  }

  public boolean isEmpty() {
    return size == 0;
  }

  public int size() {
    return size;
  }

  public double peekTime() {
    return size == 0 ? Double.POSITIVE_INFINITY : times[0];
  }

  public long peekSeq() {
    return seqs[0];
  }

  public long peekPayload() {
    return payloads[0];
  }

  /** Removes the earliest event. */
  public void pop() {
    int last = --size;
    if (last == 0) {
      return;
    }
    double t = times[last];
    long s = seqs[last];
    long p = payloads[last];
    int i = 0;
    int half = last >>> 1;
    while (i < half) {
      int child = 2 * i + 1;
      int right = child + 1;
      if (right < last && before(times[right], seqs[right], times[child], seqs[child])) {
        child = right;
      }
      if (!before(times[child], seqs[child], t, s)) {
        break;
      }
      times[i] = times[child];
      seqs[i] = seqs[child];
      payloads[i] = payloads[child];
      i = child;
    }
    times[i] = t;
    seqs[i] = s;
    payloads[i] = p;
  }

  private static boolean before(double t1, long s1, double t2, long s2) {
    return t1 < t2 || (t1 == t2 && s1 < s2);
  }
}
