package dev.ballast.sim.serving;

import java.util.Arrays;

/**
 * In-flight requests as parallel arrays indexed by a recycled slot, so that a replay of millions
 * of requests allocates nothing per request.
 */
public final class RequestTable {
  double[] arrival = new double[1024];
  int[] input = new int[1024];
  int[] output = new int[1024];
  int[] service = new int[1024];
  private int[] free = new int[1024];
  private int freeCount;
  private int used;
  private int live;

  /** Takes a slot for a new request. */
  public int open(double arrivalSeconds, int inputTokens, int outputTokens, int serviceIndex) {
    int slot;
    if (freeCount > 0) {
      slot = free[--freeCount];
    } else {
      if (used == arrival.length) {
        int n = used * 2;
        arrival = Arrays.copyOf(arrival, n);
        input = Arrays.copyOf(input, n);
        output = Arrays.copyOf(output, n);
        service = Arrays.copyOf(service, n);
        free = Arrays.copyOf(free, n);
      }
      slot = used++;
    }
    arrival[slot] = arrivalSeconds;
    input[slot] = inputTokens;
    output[slot] = outputTokens;
    service[slot] = serviceIndex;
    live++;
    return slot;
  }

  /** Gives a finished request's slot back. */
  public void close(int slot) {
    free[freeCount++] = slot;
    live--;
  }

  public double arrival(int slot) {
    return arrival[slot];
  }

  public int input(int slot) {
    return input[slot];
  }

  public int output(int slot) {
    return output[slot];
  }

  public int service(int slot) {
    return service[slot];
  }

  /** KV-cache tokens the request holds once admitted: prompt plus output. */
  public long kvTokens(int slot) {
    return (long) input[slot] + output[slot];
  }

  public int live() {
    return live;
  }
}
