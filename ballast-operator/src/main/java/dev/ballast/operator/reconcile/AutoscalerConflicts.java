package dev.ballast.operator.reconcile;

import dev.ballast.operator.api.v1alpha1.InferenceScalerSpec;
import io.fabric8.kubernetes.api.model.autoscaling.v2.CrossVersionObjectReference;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * Another autoscaler on the same target: a HorizontalPodAutoscaler whose {@code scaleTargetRef}
 * names it (KEDA's ScaledObjects work through one, so they are found too). Two writers of one
 * {@code /scale} undo each other's decisions every few seconds, so Ballast only recommends while
 * one is there, as KEDA's admission webhook refuses a second autoscaler for one workload.
 */
final class AutoscalerConflicts {
  private AutoscalerConflicts() {}

  /** What else scales the target, or null; null too where HPAs cannot be read (no API, no permission). */
  static String find(KubernetesClient client, String namespace, InferenceScalerSpec.ScaleTargetRef target) {
    try {
      for (HorizontalPodAutoscaler hpa : client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(namespace).list().getItems()) {
        CrossVersionObjectReference ref = hpa.getSpec() == null ? null : hpa.getSpec().getScaleTargetRef();
        if (ref != null && target.name.equals(ref.getName()) && target.kind.equals(ref.getKind()) && group(target.apiVersion).equals(group(ref.getApiVersion()))) {
          return "HorizontalPodAutoscaler " + namespace + "/" + hpa.getMetadata().getName() + " also scales " + target.kind + " " + target.name;
        }
      }
    } catch (KubernetesClientException e) {
      if (e.getCode() == 403 || e.getCode() == 404) {
        return null;
      }
      throw e;
    }
    return null;
  }

  private static String group(String apiVersion) {
    if (apiVersion == null) {
      return "";
    }
    int slash = apiVersion.indexOf('/');
    return slash < 0 ? "" : apiVersion.substring(0, slash);
  }
}
