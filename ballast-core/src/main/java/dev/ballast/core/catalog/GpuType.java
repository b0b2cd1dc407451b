package dev.ballast.core.catalog;

import java.util.Objects;

/**
 * One GPU model as placement and pricing see it.
 *
 * @param id catalog name, e.g. {@code H100-80GB}
 * @param memoryMiB device memory as the driver reports it
 * @param memoryBandwidthGBps HBM/GDDR bandwidth, the bound on decode speed
 * @param migCapable whether the device can be partitioned with MIG
 * @param pricePerGpuHour on-demand price of one device for one hour
 */
public record GpuType(
    String id, long memoryMiB, double memoryBandwidthGBps, boolean migCapable, PriceQuote pricePerGpuHour) {

  public GpuType {
    Objects.requireNonNull(id, "id");
    if (memoryMiB <= 0) {
      throw new IllegalArgumentException("GPU " + id + ": memoryMiB must be positive");
    }
    Objects.requireNonNull(pricePerGpuHour, "pricePerGpuHour");
  }
}
