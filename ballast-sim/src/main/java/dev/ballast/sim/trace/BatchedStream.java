package dev.ballast.sim.trace;

import java.util.Arrays;

/**
 * A request stream generated batch by batch (a minute of function invocations, a ten-minute
 * window of ServeGen clients): each batch is produced, sorted by arrival, then handed out.
 */
abstract class BatchedStream implements RequestStream {
  private double[] times = new double[1024];
  private int[] inputs = new int[1024];
  private int[] outputs = new int[1024];
  private int[] services = new int[1024];
  private long[] order = new long[1024];
  private int size;
  private int cursor = -1;
  private int current;

  /** Fills the next batch with {@link #add}; returns false when there are no more batches. */
  protected abstract boolean nextBatch();

  protected final void add(double time, int input, int output, int service) {
    if (size == times.length) {
      int n = size * 2;
      times = Arrays.copyOf(times, n);
      inputs = Arrays.copyOf(inputs, n);
      outputs = Arrays.copyOf(outputs, n);
      services = Arrays.copyOf(services, n);
      order = new long[n];
    }
    times[size] = time;
    inputs[size] = input;
    outputs[size] = output;
    services[size] = service;
    size++;
  }

  @Override
  public final boolean next() {
    while (++cursor >= size) {
      size = 0;
      cursor = -1;
      if (!nextBatch()) {
        return false;
      }
      sortBatch();
    }
    current = (int) order[cursor];
    return true;
  }

  /** Sorts indices by time; ties keep generation order, so the order is deterministic. */
  private void sortBatch() {
    Integer[] idx = new Integer[size];
    for (int i = 0; i < size; i++) {
      idx[i] = i;
    }
    Arrays.sort(idx, (a, b) -> Double.compare(times[a], times[b]));
    for (int i = 0; i < size; i++) {
      order[i] = idx[i];
    }
  }

  @Override
  public final double time() {
    return times[current];
  }

  @Override
  public final int inputTokens() {
    return inputs[current];
  }

  @Override
  public final int outputTokens() {
    return outputs[current];
  }

  @Override
  public final int service() {
    return services[current];
  }
}
