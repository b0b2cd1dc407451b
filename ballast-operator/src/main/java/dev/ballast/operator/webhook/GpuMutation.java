package dev.ballast.operator.webhook;

import dev.ballast.core.placement.PodShape;
import dev.ballast.core.placement.sharing.GpuClaim;
import dev.ballast.core.placement.sharing.Isolation;
import dev.ballast.core.placement.sharing.MigProfiles;
import dev.ballast.operator.GpuAnnotations;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the admission webhook does to a pod that asks Ballast for a GPU fraction: validates the
 * request against the sharing model ({@link GpuClaim}) and returns the environment that enforces
 * its limits in every container: {@code CUDA_MPS_ACTIVE_THREAD_PERCENTAGE} and
 * {@code CUDA_MPS_PINNED_DEVICE_MEM_LIMIT} under MPS, and {@code NVIDIA_VISIBLE_DEVICES} when
 * placement has fixed the GPUs ({@code ballast.dev/gpu-index}).
 */
public final class GpuMutation {
  public static final String MILLI_LIMIT = "ballast.dev/gpu-milli-limit";
  public static final String MIG_PROFILE = "ballast.dev/mig-profile";
  public static final String ACCEPT_TIME_SLICING = "ballast.dev/accept-timeslicing";

  private GpuMutation() {}

  /** The environment to inject (empty: nothing to do); throws IllegalArgumentException to refuse. */
  public static Map<String, String> environment(Pod pod) {
    Map<String, String> ann = GpuAnnotations.of(pod);
    Map<String, String> env = new LinkedHashMap<>();
    if (ann.containsKey(GpuAnnotations.MILLI) || ann.containsKey(GpuAnnotations.ISOLATION)) {
      PodShape shape = GpuAnnotations.shape(pod);
      if (!shape.sharesGpu() && !ann.containsKey(GpuAnnotations.ISOLATION)) {
        return env;
      }
      int request = shape.gpuMilli();
      int limit = ann.containsKey(MILLI_LIMIT) ? parse(ann.get(MILLI_LIMIT), MILLI_LIMIT) : request;
      long mem = GpuAnnotations.memoryMib(pod);
      String isolation = ann.getOrDefault(GpuAnnotations.ISOLATION, "mps").toLowerCase(Locale.ROOT);
      Isolation iso = switch (isolation) {
        case "mps" -> Isolation.mps();
        case "timeslice" -> Isolation.timeSliced();
        case "exclusive" -> Isolation.exclusive();
        case "mig" -> Isolation.mig(ann.containsKey(MIG_PROFILE) ? ann.get(MIG_PROFILE).trim() : null);
        default -> throw new IllegalArgumentException(GpuAnnotations.ISOLATION + " must be mps, timeslice, mig or exclusive, got '" + isolation + "'");
      };
      boolean acceptsTimeSlicing = "true".equalsIgnoreCase(ann.get(ACCEPT_TIME_SLICING));
      GpuClaim claim = new GpuClaim(pod.getMetadata().getName() == null ? "pod" : pod.getMetadata().getName(), iso, request, limit, mem, mem, acceptsTimeSlicing);
      if (iso instanceof Isolation.Mig m) {
        checkMig(m.profile(), mem, shape.gpuTypes());
      }
      if (iso instanceof Isolation.Mps) {
        env.put("CUDA_MPS_ACTIVE_THREAD_PERCENTAGE", String.valueOf(Math.max(1, claim.computeMilliLimit() / 10)));
        if (mem > 0) {
          env.put("CUDA_MPS_PINNED_DEVICE_MEM_LIMIT", "0=" + mem + "M");
        }
      }
    }
    if (ann.containsKey(GpuAnnotations.INDEX)) {
      String idx = ann.get(GpuAnnotations.INDEX);
      if (!idx.matches("[0-9]+(-[0-9]+)*")) {
        throw new IllegalArgumentException(GpuAnnotations.INDEX + " must be GPU indices like 0 or 0-1, got '" + idx + "'");
      }
      env.put("NVIDIA_VISIBLE_DEVICES", idx.replace('-', ','));
    }
    return env;
  }

  /**
   * Refuses a MIG request that no GPU type the pod may land on can grant: the named profile (or,
   * without a name, any profile) must hold the memory the pod asks for on at least one of them.
   */
  static void checkMig(String profile, long memoryMib, java.util.Set<String> allowedTypes) {
    List<MigProfiles> tables = MigProfiles.builtIns().stream().filter(t -> allowedTypes.isEmpty() || allowedTypes.contains(t.gpuType())).toList();
    String where = allowedTypes.isEmpty() ? "any GPU type" : String.join("|", allowedTypes);
    if (tables.isEmpty()) {
      throw new IllegalArgumentException("MIG asked for, but no GPU type the pod allows (" + where + ") has MIG");
    }
    boolean grantable = tables.stream().anyMatch(t -> profile == null
        ? t.smallestFitting(memoryMib, 1) != null
        : t.has(profile) && t.profile(profile).memoryMib() >= memoryMib);
    if (!grantable) {
      List<String> offered = tables.stream().map(t -> t.gpuType() + ": " + String.join(", ",
          t.profiles().stream().map(p -> p.id() + " " + p.memoryMib() + " MiB").toList())).toList();
      String what = profile == null ? "no MIG profile on " + where + " holds " + memoryMib + " MiB"
          : "no GPU type the pod allows (" + where + ") offers MIG profile " + profile + (memoryMib > 0 ? " with " + memoryMib + " MiB" : "");
      throw new IllegalArgumentException(what + " (" + String.join("; ", offered) + ")");
    }
  }

  /**
   * Variables the kubelet resolves from the pod itself when a container starts (the downward API),
   * by variable name. A fraction under MPS or time-slicing admitted before placement gets
   * {@code NVIDIA_VISIBLE_DEVICES} from {@code ballast.dev/gpu-index}, which the extender writes
   * before it binds the pod: env cannot change once a pod exists, but a field reference is read at
   * container start, so the container sees the GPU placement chose. Until then it is empty, and
   * an empty device list exposes no GPU rather than a wrong one.
   */
  public static Map<String, String> fieldReferences(Pod pod) {
    Map<String, String> ann = GpuAnnotations.of(pod);
    if (!ann.containsKey(GpuAnnotations.MILLI) || ann.containsKey(GpuAnnotations.INDEX)) {
      return Map.of();
    }
    String mode = GpuAnnotations.sharingMode(pod);
    if (!GpuAnnotations.shape(pod).sharesGpu() || !(mode.equals("mps") || mode.equals("timeslice"))) {
      return Map.of(); // a MIG instance is exposed by the device plugin, by its UUID
    }
    return Map.of("NVIDIA_VISIBLE_DEVICES", "metadata.annotations['" + GpuAnnotations.INDEX + "']");
  }

  /**
   * JSON patch operations adding {@code env} (literal values) and {@code refs} (downward-API field
   * paths) to every container, after what it has; a variable the container already sets is kept.
   */
  public static List<Map<String, Object>> patch(Pod pod, Map<String, String> env, Map<String, String> refs) {
    List<Map<String, Object>> ops = new java.util.ArrayList<>();
    List<Container> containers = pod.getSpec() == null || pod.getSpec().getContainers() == null ? List.of() : pod.getSpec().getContainers();
    for (int i = 0; i < containers.size(); i++) {
      Container c = containers.get(i);
      String base = "/spec/containers/" + i + "/env";
      List<Map<String, Object>> vars = new java.util.ArrayList<>();
      env.forEach((k, v) -> vars.add(variable(k, "value", v)));
      refs.forEach((k, path) -> vars.add(variable(k, "valueFrom", Map.of("fieldRef", Map.of("fieldPath", path)))));
      if (c.getEnv() == null || c.getEnv().isEmpty()) {
        ops.add(Map.of("op", "add", "path", base, "value", vars));
      } else {
        for (Map<String, Object> v : vars) {
          boolean present = c.getEnv().stream().anyMatch(e -> v.get("name").equals(e.getName()));
          if (!present) {
            ops.add(Map.of("op", "add", "path", base + "/-", "value", v));
          }
        }
      }
    }
    return ops;
  }

  /** An EnvVar as JSON, its name first. */
  private static Map<String, Object> variable(String name, String key, Object value) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("name", name);
    v.put(key, value);
    return v;
  }

  private static int parse(String v, String what) {
    try {
      int i = Integer.parseInt(v.trim());
      if (i < 1 || i > 1000) {
        throw new IllegalArgumentException(what + " must be in 1..1000, got " + i);
      }
      return i;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(what + " must be an integer, got '" + v + "'");
    }
  }
}
