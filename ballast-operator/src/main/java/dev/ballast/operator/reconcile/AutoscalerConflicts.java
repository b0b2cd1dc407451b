package dev.ballast.operator.reconcile;

import dev.ballast.operator.api.v1alpha1.InferenceScaler;
import dev.ballast.operator.api.v1alpha1.InferenceScalerSpec;
import io.fabric8.kubernetes.api.model.autoscaling.v2.CrossVersionObjectReference;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Another autoscaler on the same target: an older InferenceScaler, or a HorizontalPodAutoscaler
 * whose {@code scaleTargetRef} names it (KEDA's ScaledObjects work through one, so they are found
 * too). Two writers of one {@code /scale} undo each other's decisions every few seconds, so Ballast
 * only recommends while one is there, as KEDA's admission webhook refuses a second autoscaler for
 * one workload. A namespace's HPAs are listed at most once a period, whatever the number of
 * InferenceScalers in it.
 */
final class AutoscalerConflicts {
  private record Listed(Instant at, List<HorizontalPodAutoscaler> hpas) {}

  private final KubernetesClient client;
  private final Duration maxAge;
  private final Map<String, Listed> hpasByNamespace = new ConcurrentHashMap<>();

  AutoscalerConflicts(KubernetesClient client, Duration maxAge) {
    this.client = client;
    this.maxAge = maxAge;
  }

  /**
   * What else scales the target, or null. Of two InferenceScalers on one target, the older (then
   * the first by name) acts. HPAs that cannot be read (no API, no permission) count as none.
   *
   * @param scalers the InferenceScalers of {@code self}'s namespace
   */
  String find(InferenceScaler self, List<InferenceScaler> scalers, Instant now) {
    String namespace = self.getMetadata().getNamespace();
    InferenceScalerSpec.ScaleTargetRef target = self.getSpec().scaleTargetRef;
    for (InferenceScaler other : scalers) {
      if (!other.getMetadata().getName().equals(self.getMetadata().getName()) && other.getSpec() != null && sameTarget(target, other.getSpec().scaleTargetRef)
          && before(other, self)) {
        return "InferenceScaler " + namespace + "/" + other.getMetadata().getName() + " also scales " + target.kind + " " + target.name + " and is older";
      }
    }
    for (HorizontalPodAutoscaler hpa : hpas(namespace, now)) {
      CrossVersionObjectReference ref = hpa.getSpec() == null ? null : hpa.getSpec().getScaleTargetRef();
      if (ref != null && names(target, ref.getName(), ref.getKind(), ref.getApiVersion())) {
        return "HorizontalPodAutoscaler " + namespace + "/" + hpa.getMetadata().getName() + " also scales " + target.kind + " " + target.name;
      }
    }
    return null;
  }

  private List<HorizontalPodAutoscaler> hpas(String namespace, Instant now) {
    Listed listed = hpasByNamespace.get(namespace);
    if (listed != null && now.isBefore(listed.at().plus(maxAge))) {
      return listed.hpas();
    }
    List<HorizontalPodAutoscaler> hpas;
    try {
      hpas = client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(namespace).list().getItems();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 403 && e.getCode() != 404) {
        throw e;
      }
      hpas = List.of();
    }
    hpasByNamespace.put(namespace, new Listed(now, hpas));
    return hpas;
  }

  private static boolean sameTarget(InferenceScalerSpec.ScaleTargetRef a, InferenceScalerSpec.ScaleTargetRef b) {
    return b != null && names(a, b.name, b.kind, b.apiVersion);
  }

  /** Whether the reference names this workload: the same name, kind and API group (versions may differ). */
  private static boolean names(InferenceScalerSpec.ScaleTargetRef target, String name, String kind, String apiVersion) {
    return target.name.equals(name) && target.kind.equals(kind) && group(target.apiVersion).equals(group(apiVersion));
  }

  /** Created earlier, or at the same time (or with no time recorded) and first by name. */
  private static boolean before(InferenceScaler a, InferenceScaler b) {
    String ta = a.getMetadata().getCreationTimestamp();
    String tb = b.getMetadata().getCreationTimestamp();
    if (ta != null && tb != null && !ta.equals(tb)) {
      return Instant.parse(ta).isBefore(Instant.parse(tb));
    }
    return a.getMetadata().getName().compareTo(b.getMetadata().getName()) < 0;
  }

  private static String group(String apiVersion) {
    if (apiVersion == null) {
      return "";
    }
    int slash = apiVersion.indexOf('/');
    return slash < 0 ? "" : apiVersion.substring(0, slash);
  }
}
