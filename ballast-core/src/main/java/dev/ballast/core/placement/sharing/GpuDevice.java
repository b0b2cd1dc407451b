package dev.ballast.core.placement.sharing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One GPU and the claims granted on it. Whatever the mode, three invariants hold after every
 * change: the memory limits of its claims never exceed its memory less the reserved part; their
 * compute requests never exceed 1000 milli-GPU; and a MIG layout is always one the hardware
 * allows (no overlapping memory slices, at most 7 compute slices, every instance at a valid start,
 * each holding the memory its claim requests).
 */
public final class GpuDevice {
  /** GPU memory kept back from claims by default: CUDA contexts and the MPS server take some. */
  public static final long DEFAULT_RESERVED_MIB = 1_024;

  /** The mode a device runs in; {@code IDLE} until its first claim, back to it when the last goes. */
  public enum Mode {
    IDLE,
    EXCLUSIVE,
    MIG,
    MPS,
    TIME_SLICED
  }

  private final int index;
  private final String gpuType;
  private final long memoryMib;
  private final long reservedMib;
  private final MigProfiles mig;
  private final List<DeviceAllocation> allocations = new ArrayList<>();
  private Mode mode = Mode.IDLE;

  /** @param mig the type's MIG profiles, or null when it has no MIG */
  public GpuDevice(int index, String gpuType, long memoryMib, long reservedMib, MigProfiles mig) {
    if (memoryMib <= 0 || reservedMib < 0 || reservedMib >= memoryMib) {
      throw new IllegalArgumentException("GPU " + index + ": need 0 <= reserved < memory, got " + reservedMib + " of " + memoryMib + " MiB");
    }
    this.index = index;
    this.gpuType = gpuType;
    this.memoryMib = memoryMib;
    this.reservedMib = reservedMib;
    this.mig = mig;
  }

  /** A device of a catalog GPU type, with that type's built-in MIG table if it has one. */
  public static GpuDevice of(int index, String gpuType, long memoryMib, long reservedMib) {
    return new GpuDevice(index, gpuType, memoryMib, reservedMib, MigProfiles.builtIn(gpuType).orElse(null));
  }

  public Mode mode() {
    return mode;
  }

  public List<DeviceAllocation> allocations() {
    return List.copyOf(allocations);
  }

  public long usableMemoryMib() {
    return memoryMib - reservedMib;
  }

  /** Why the claim cannot be granted here, or null when it can. */
  public String refusal(GpuClaim c) {
    long memLimit = Math.min(c.memoryMibLimit(), usableMemoryMib());
    return switch (c.isolation()) {
      case Isolation.Exclusive e -> mode == Mode.IDLE ? null : "GPU " + index + " is in use (" + mode + ")";
      case Isolation.Mig m -> migRefusal(c, m);
      case Isolation.Mps m -> shareRefusal(c, Mode.MPS, memLimit);
      case Isolation.TimeSliced t -> shareRefusal(c, Mode.TIME_SLICED, memLimit);
    };
  }

  private String shareRefusal(GpuClaim c, Mode wanted, long memLimit) {
    if (mode != Mode.IDLE && mode != wanted) {
      return "GPU " + index + " runs " + mode + ", not " + wanted;
    }
    if (c.memoryMibLimit() > usableMemoryMib()) {
      return String.format(Locale.ROOT, "a memory limit of %d MiB exceeds GPU %d's usable %d MiB", c.memoryMibLimit(), index, usableMemoryMib());
    }
    if (memoryLimits() + memLimit > usableMemoryMib()) {
      return String.format(Locale.ROOT, "GPU %d has %d MiB of memory left to promise, the claim's limit is %d", index, usableMemoryMib() - memoryLimits(), memLimit);
    }
    if (computeRequests() + c.computeMilliRequest() > 1000) {
      return String.format(Locale.ROOT, "GPU %d has %d milli-GPU of compute left, the claim requests %d", index, 1000 - computeRequests(), c.computeMilliRequest());
    }
    return null;
  }

  private String migRefusal(GpuClaim c, Isolation.Mig m) {
    if (mig == null) {
      return "GPU " + index + " (" + gpuType + ") has no MIG";
    }
    if (mode != Mode.IDLE && mode != Mode.MIG) {
      return "GPU " + index + " runs " + mode + ", not MIG";
    }
    if (m.profile() != null && !mig.has(m.profile())) {
      return "GPU " + index + " (" + gpuType + ") has no MIG profile " + m.profile() + "; it offers "
          + String.join(", ", mig.profiles().stream().map(MigProfile::id).toList());
    }
    MigProfile p = profileFor(c, m);
    if (p == null) {
      return "no MIG profile on " + gpuType + " holds " + c.memoryMibRequest() + " MiB";
    }
    if (p.memoryMib() < c.memoryMibRequest()) {
      return String.format(Locale.ROOT, "%s on %s holds %d MiB, the claim requests %d", p.id(), gpuType, p.memoryMib(), c.memoryMibRequest());
    }
    return migStart(p) < 0 ? "no free " + p.id() + " slot on GPU " + index : null;
  }

  private MigProfile profileFor(GpuClaim c, Isolation.Mig m) {
    int slices = Math.max(1, (int) Math.ceil(c.computeMilliRequest() * MigProfile.COMPUTE_SLICES / 1000.0));
    return m.profile() != null ? mig.profile(m.profile()) : mig.smallestFitting(c.memoryMibRequest(), slices);
  }

  /** Grants the claim; throws when {@link #refusal} would refuse it. */
  public DeviceAllocation allocate(GpuClaim c) {
    String why = refusal(c);
    if (why != null) {
      throw new IllegalStateException("cannot grant " + c.pod() + ": " + why);
    }
    DeviceAllocation a;
    switch (c.isolation()) {
      case Isolation.Exclusive e -> {
        mode = Mode.EXCLUSIVE;
        a = new DeviceAllocation(c, index, null, -1, Map.of("NVIDIA_VISIBLE_DEVICES", String.valueOf(index)));
      }
      case Isolation.Mig m -> {
        MigProfile p = profileFor(c, m);
        int start = migStart(p);
        mode = Mode.MIG;
        // no device variable: a MIG instance is named by the UUID the driver gives it when the node's MIG
        // manager creates it (profile and start below), and the device plugin exposes it by that
        a = new DeviceAllocation(c, index, p, start, Map.of());
      }
      case Isolation.Mps m -> {
        mode = Mode.MPS;
        Map<String, String> env = new LinkedHashMap<>();
        env.put("NVIDIA_VISIBLE_DEVICES", String.valueOf(index));
        env.put("CUDA_MPS_ACTIVE_THREAD_PERCENTAGE", String.valueOf(Math.max(1, c.computeMilliLimit() / 10)));
        env.put("CUDA_MPS_PINNED_DEVICE_MEM_LIMIT", "0=" + Math.min(c.memoryMibLimit(), usableMemoryMib()) + "M");
        a = new DeviceAllocation(c, index, null, -1, Map.copyOf(env));
      }
      case Isolation.TimeSliced t -> {
        mode = Mode.TIME_SLICED;
        a = new DeviceAllocation(c, index, null, -1, Map.of("NVIDIA_VISIBLE_DEVICES", String.valueOf(index)));
      }
    }
    allocations.add(a);
    return a;
  }

  /** Releases a pod's claim; the device goes idle when nothing is left. */
  public boolean release(String pod) {
    boolean removed = allocations.removeIf(a -> a.claim().pod().equals(pod));
    if (allocations.isEmpty()) {
      mode = Mode.IDLE;
    }
    return removed;
  }

  /** The first valid start for profile {@code p} in the current layout, or -1. */
  int migStart(MigProfile p) {
    int compute = 0;
    boolean[] used = new boolean[MigProfile.MEMORY_SLICES];
    for (DeviceAllocation a : allocations) {
      compute += a.migProfile().computeSlices();
      for (int s = a.migStart(); s < a.migStart() + a.migProfile().memorySlices(); s++) {
        used[s] = true;
      }
    }
    if (compute + p.computeSlices() > MigProfile.COMPUTE_SLICES) {
      return -1;
    }
    for (int start : p.starts()) {
      boolean free = true;
      for (int s = start; s < start + p.memorySlices(); s++) {
        free &= !used[s];
      }
      if (free) {
        return start;
      }
    }
    return -1;
  }

  long memoryLimits() {
    long sum = 0;
    for (DeviceAllocation a : allocations) {
      sum += Math.min(a.claim().memoryMibLimit(), usableMemoryMib());
    }
    return sum;
  }

  int computeRequests() {
    int sum = 0;
    for (DeviceAllocation a : allocations) {
      sum += a.claim().computeMilliRequest();
    }
    return sum;
  }

  /** The invariants, checked: null when they hold, else the one that broke. */
  public String violation() {
    if (mode == Mode.EXCLUSIVE && allocations.size() != 1) {
      return "exclusive GPU with " + allocations.size() + " claims";
    }
    if (mode == Mode.MPS || mode == Mode.TIME_SLICED) {
      if (memoryLimits() > usableMemoryMib()) {
        return "memory over-committed: " + memoryLimits() + " > " + usableMemoryMib() + " MiB";
      }
      if (computeRequests() > 1000) {
        return "compute requests " + computeRequests() + " > 1000 milli";
      }
    }
    if (mode == Mode.MIG) {
      int compute = 0;
      boolean[] used = new boolean[MigProfile.MEMORY_SLICES];
      for (DeviceAllocation a : allocations) {
        MigProfile p = a.migProfile();
        if (p == null || !p.starts().contains(a.migStart())) {
          return "MIG instance at an invalid start";
        }
        if (p.memoryMib() < a.claim().memoryMibRequest()) {
          return "MIG instance " + p.id() + " holds " + p.memoryMib() + " MiB, less than its claim's " + a.claim().memoryMibRequest();
        }
        compute += p.computeSlices();
        for (int s = a.migStart(); s < a.migStart() + p.memorySlices(); s++) {
          if (used[s]) {
            return "overlapping MIG instances at memory slice " + s;
          }
          used[s] = true;
        }
      }
      if (compute > MigProfile.COMPUTE_SLICES) {
        return "MIG compute slices " + compute + " > 7";
      }
    }
    if (mode == Mode.IDLE && !allocations.isEmpty()) {
      return "idle GPU with claims";
    }
    return null;
  }
}
