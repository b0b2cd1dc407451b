package dev.ballast.core.resources;

/**
 * What a pod asks of GPUs: none, whole devices, or a fraction of one device.
 *
 * <p>The fraction is given as compute (milli-GPU, 1000 = a whole device) plus device memory, so that
 * it maps onto a DRA device's capacity and onto MPS limits without conversion.
 */
public sealed interface GpuRequest permits GpuRequest.None, GpuRequest.Whole, GpuRequest.Fraction {

  /** Compute asked of each device, in milli-GPU. */
  int gpuMilliPerDevice();

  /** Number of devices touched. */
  int deviceCount();

  /** Total compute asked, in milli-GPU, over all devices. */
  default long totalGpuMilli() {
    return (long) gpuMilliPerDevice() * deviceCount();
  }

  GpuRequest NONE = new None();

  static GpuRequest whole(int count) {
    return count == 0 ? NONE : new Whole(count);
  }

  static GpuRequest fraction(int gpuMilli, long gpuMemoryMiB) {
    return new Fraction(gpuMilli, gpuMemoryMiB);
  }

  /** No GPU at all. */
  record None() implements GpuRequest {
    @Override
    public int gpuMilliPerDevice() {
      return 0;
    }

    @Override
    public int deviceCount() {
      return 0;
    }
  }

  /** {@code count} whole devices, used exclusively. */
  record Whole(int count) implements GpuRequest {
    public Whole {
      if (count < 1) {
        throw new IllegalArgumentException("whole GPUs must be at least 1, got " + count);
      }
    }

    @Override
    public int gpuMilliPerDevice() {
      return 1000;
    }

    @Override
    public int deviceCount() {
      return count;
    }
  }

  /** A share of one device: compute in milli-GPU (1..999) and device memory in MiB. */
  record Fraction(int gpuMilli, long gpuMemoryMiB) implements GpuRequest {
    public Fraction {
      if (gpuMilli < 1 || gpuMilli > 999) {
        throw new IllegalArgumentException(
            "a GPU fraction takes 1..999 milli-GPU (ask for whole GPUs above that), got " + gpuMilli);
      }
      if (gpuMemoryMiB < 0) {
        throw new IllegalArgumentException("GPU memory must not be negative, got " + gpuMemoryMiB);
      }
    }

    @Override
    public int gpuMilliPerDevice() {
      return gpuMilli;
    }

    @Override
    public int deviceCount() {
      return 1;
    }
  }
}
