package dev.ballast.operator.reconcile;

import dev.ballast.operator.api.v1alpha1.InferenceScalerSpec;
import dev.ballast.operator.scaling.ScaleTarget;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/** Reads and scales the target through its {@code /scale} subresource (Deployments and StatefulSets). */
final class TargetAccess {
  private final KubernetesClient client;

  TargetAccess(KubernetesClient client) {
    this.client = client;
  }

  /** The target now, or null when it does not exist. */
  ScaleTarget read(String namespace, InferenceScalerSpec.ScaleTargetRef ref) {
    return switch (ref.kind) {
      case "Deployment" -> {
        Deployment d = client.apps().deployments().inNamespace(namespace).withName(ref.name).get();
        yield d == null ? null : new ScaleTarget(ref.kind, ref.name, replicas(d.getSpec().getReplicas()),
            d.getStatus() == null ? 0 : replicas(d.getStatus().getReadyReplicas()));
      }
      case "StatefulSet" -> {
        StatefulSet s = client.apps().statefulSets().inNamespace(namespace).withName(ref.name).get();
        yield s == null ? null : new ScaleTarget(ref.kind, ref.name, replicas(s.getSpec().getReplicas()),
            s.getStatus() == null ? 0 : replicas(s.getStatus().getReadyReplicas()));
      }
      default -> throw new UnsupportedTargetException(ref.apiVersion + "/" + ref.kind + " is not supported yet: use a Deployment or StatefulSet");
    };
  }

  /** Sets the target's replicas (absolute, so repeating it is harmless), retrying conflicts. */
  void scale(String namespace, InferenceScalerSpec.ScaleTargetRef ref, int replicas) {
    for (int attempt = 1; ; attempt++) {
      try {
        switch (ref.kind) {
          case "Deployment" -> client.apps().deployments().inNamespace(namespace).withName(ref.name).scale(replicas);
          case "StatefulSet" -> client.apps().statefulSets().inNamespace(namespace).withName(ref.name).scale(replicas);
          default -> throw new UnsupportedTargetException(ref.kind + " is not supported");
        }
        return;
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409 || attempt >= 3) {
          throw e;
        }
      }
    }
  }

  private static int replicas(Integer i) {
    return i == null ? 0 : i;
  }

  /** A scale target of a kind the operator cannot read or scale. */
  static final class UnsupportedTargetException extends RuntimeException {
    UnsupportedTargetException(String message) {
      super(message);
    }
  }
}
