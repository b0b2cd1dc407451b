package dev.ballast.core.catalog;

import java.util.Objects;

/**
 * A purchasable node shape (a cloud instance type).
 *
 * @param id instance type, e.g. {@code p5.4xlarge}
 * @param gpu GPU model on board, or {@code null} for a CPU-only node
 * @param gpuCount number of GPUs
 * @param cpuMilli allocatable CPU
 * @param memoryMiB allocatable memory
 * @param diskGiB root plus cache disk, kept (and billed) while the node is stopped
 * @param pricePerHour on-demand price of the whole node while it runs
 * @param diskPricePerGiBMonth block-storage price, billed also while stopped
 * @param startup cold-start and resume delays
 */
public record NodeType(
    String id,
    GpuType gpu,
    int gpuCount,
    long cpuMilli,
    long memoryMiB,
    long diskGiB,
    PriceQuote pricePerHour,
    double diskPricePerGiBMonth,
    NodeStartup startup) {

  /** Hours in a billing month, as cloud block-storage prices use. */
  public static final double HOURS_PER_MONTH = 730.0;

  public NodeType {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(pricePerHour, "pricePerHour");
    Objects.requireNonNull(startup, "startup");
    if (gpuCount < 0 || (gpu == null) != (gpuCount == 0)) {
      throw new IllegalArgumentException("node type " + id + ": GPU type and count disagree");
    }
    if (diskGiB < 0 || diskPricePerGiBMonth < 0) {
      throw new IllegalArgumentException("node type " + id + ": disk size and price must be >= 0");
    }
  }

  /** USD per second while provisioning or running. */
  public double runningUsdPerSecond() {
    return pricePerHour.usdPerSecond();
  }

  /** USD per second while stopped: the disk alone. */
  public double stoppedUsdPerSecond() {
    return diskGiB * diskPricePerGiBMonth / HOURS_PER_MONTH / 3600.0;
  }

  /** Price of one GPU-second on this node: the node price shared by its GPUs. */
  public double usdPerGpuSecond() {
    return gpuCount == 0 ? Double.POSITIVE_INFINITY : runningUsdPerSecond() / gpuCount;
  }

  public boolean hasGpus() {
    return gpuCount > 0;
  }
}
