package dev.ballast.sim.trace;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** A trace held in memory as parallel arrays, sorted by arrival. */
public final class LoadedTrace implements Trace {
  private final String name;
  private final Instant origin;
  private final List<String> services;
  private final double[] times;
  private final int[] inputs;
  private final int[] outputs;
  private final int[] serviceOf;

  LoadedTrace(String name, Instant origin, List<String> services, double[] times, int[] inputs, int[] outputs, int[] serviceOf) {
    this.name = name;
    this.origin = origin;
    this.services = List.copyOf(services);
    this.times = times;
    this.inputs = inputs;
    this.outputs = outputs;
    this.serviceOf = serviceOf;
    for (int i = 1; i < times.length; i++) {
      if (times[i] < times[i - 1]) {
        throw new IllegalArgumentException("trace " + name + " is not sorted by arrival at request " + i);
      }
    }
  }

  /** Collects rows in any order, then sorts them stably by arrival. */
  static final class Builder {
    private double[] times = new double[1024];
    private int[] inputs = new int[1024];
    private int[] outputs = new int[1024];
    private int[] services = new int[1024];
    private int size;

    void add(double time, int input, int output, int service) {
      if (size == times.length) {
        int n = size * 2;
        times = Arrays.copyOf(times, n);
        inputs = Arrays.copyOf(inputs, n);
        outputs = Arrays.copyOf(outputs, n);
        services = Arrays.copyOf(services, n);
      }
      times[size] = time;
      inputs[size] = input;
      outputs[size] = output;
      services[size] = service;
      size++;
    }

    int size() {
      return size;
    }

    /** Sorts by time (stable) and subtracts {@code shift} seconds from every arrival. */
    LoadedTrace build(String name, Instant origin, List<String> serviceNames, double shift) {
      Integer[] order = new Integer[size];
      for (int i = 0; i < size; i++) {
        order[i] = i;
      }
      Arrays.sort(order, (a, b) -> Double.compare(times[a], times[b]));
      double[] t = new double[size];
      int[] in = new int[size];
      int[] out = new int[size];
      int[] svc = new int[size];
      for (int i = 0; i < size; i++) {
        int j = order[i];
        t[i] = times[j] - shift;
        in[i] = inputs[j];
        out[i] = outputs[j];
        svc[i] = services[j];
      }
      return new LoadedTrace(name, origin, serviceNames, t, in, out, svc);
    }
  }

  public int size() {
    return times.length;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Instant origin() {
    return origin;
  }

  @Override
  public List<String> services() {
    return services;
  }

  @Override
  public double endSeconds() {
    return times.length == 0 ? 0 : times[times.length - 1];
  }

  @Override
  public RequestStream open(long seed) {
    return new RequestStream() {
      private int i = -1;

      @Override
      public boolean next() {
        return ++i < times.length;
      }

      @Override
      public double time() {
        return times[i];
      }

      @Override
      public int inputTokens() {
        return inputs[i];
      }

      @Override
      public int outputTokens() {
        return outputs[i];
      }

      @Override
      public int service() {
        return serviceOf[i];
      }
    };
  }
}
