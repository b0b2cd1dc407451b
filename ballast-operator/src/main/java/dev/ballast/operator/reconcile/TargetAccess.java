package dev.ballast.operator.reconcile;

import dev.ballast.operator.api.v1alpha1.InferenceScalerSpec;
import dev.ballast.operator.capacity.NodeConsolidation;
import dev.ballast.operator.scaling.ScaleTarget;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v1.Scale;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.readiness.Readiness;

/**
 * Reads and scales the target through its {@code /scale} subresource. Deployments and StatefulSets
 * report their ready replicas themselves; any other kind with a {@code /scale} subresource (a
 * LeaderWorkerSet, an Argo Rollout, a custom resource) is found by discovery, as the HPA finds it,
 * and its ready replicas are the Ready pods matching the selector its {@code /scale} reports.
 */
final class TargetAccess {
  private static final PatchContext MERGE = PatchContext.of(PatchType.JSON_MERGE);
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
      default -> readGeneric(namespace, ref);
    };
  }

  private ScaleTarget readGeneric(String namespace, InferenceScalerSpec.ScaleTargetRef ref) {
    Resource<GenericKubernetesResource> resource = generic(ref).inNamespace(namespace).withName(ref.name);
    if (resource.get() == null) {
      return null;
    }
    Scale scale;
    try {
      scale = resource.scale();
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
        scale = null;
      } else {
        throw e;
      }
    }
    if (scale == null || scale.getSpec() == null) {
      throw new UnsupportedTargetException(ref.apiVersion + " " + ref.kind + " has no /scale subresource, so Ballast cannot scale it");
    }
    String selector = scale.getStatus() == null ? null : scale.getStatus().getSelector();
    if (selector == null || selector.isBlank()) {
      throw new UnsupportedTargetException(ref.apiVersion + " " + ref.kind + " " + ref.name
          + ": its /scale reports no status.selector, so its ready pods cannot be counted");
    }
    long ready = client.pods().inNamespace(namespace).withLabelSelector(selector).list().getItems().stream().filter(TargetAccess::ready).count();
    return new ScaleTarget(ref.kind, ref.name, replicas(scale.getSpec().getReplicas()), (int) ready);
  }

  /** The target's resource, found by discovery as the HPA finds it: the plural that serves its kind. */
  private MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> generic(
      InferenceScalerSpec.ScaleTargetRef ref) {
    APIResourceList served = client.getApiResources(ref.apiVersion);
    APIResource match = served == null ? null : served.getResources().stream()
        .filter(r -> ref.kind.equals(r.getKind()) && !r.getName().contains("/") && Boolean.TRUE.equals(r.getNamespaced()))
        .findFirst().orElse(null);
    if (match == null) {
      throw new UnsupportedTargetException("the API server serves no namespaced kind " + ref.kind + " in " + ref.apiVersion
          + ": check the target's apiVersion and kind, or install its CRD");
    }
    int slash = ref.apiVersion.indexOf('/');
    return client.genericKubernetesResources(new ResourceDefinitionContext.Builder()
        .withGroup(slash < 0 ? "" : ref.apiVersion.substring(0, slash)).withVersion(ref.apiVersion.substring(slash + 1))
        .withKind(ref.kind).withPlural(match.getName()).withNamespaced(true).build());
  }

  /** Ready and not being deleted, as a ReplicaSet counts its ready replicas. */
  private static boolean ready(Pod p) {
    return p.getMetadata().getDeletionTimestamp() == null && Readiness.isPodReady(p);
  }

  /** Sets the target's replicas (absolute, so repeating it is harmless), retrying conflicts. */
  void scale(String namespace, InferenceScalerSpec.ScaleTargetRef ref, int replicas) {
    for (int attempt = 1; ; attempt++) {
      try {
        switch (ref.kind) {
          case "Deployment" -> client.apps().deployments().inNamespace(namespace).withName(ref.name).scale(replicas);
          case "StatefulSet" -> client.apps().statefulSets().inNamespace(namespace).withName(ref.name).scale(replicas);
          default -> generic(ref).inNamespace(namespace).withName(ref.name).scale(replicas);
        }
        return;
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409 || attempt >= 3) {
          throw e;
        }
      }
    }
  }

  /**
   * Marks a pod ({@code namespace/name}) to be the first its ReplicaSet removes when it scales
   * down; nothing if it is gone or already marked.
   */
  void markLeaving(String pod) {
    int slash = pod.indexOf('/');
    var resource = client.pods().inNamespace(pod.substring(0, slash)).withName(pod.substring(slash + 1));
    Pod p = resource.get();
    if (p == null || (p.getMetadata().getAnnotations() != null && NodeConsolidation.LEAVING_COST.equals(p.getMetadata().getAnnotations().get(NodeConsolidation.DELETION_COST)))) {
      return;
    }
    resource.patch(MERGE, "{\"metadata\":{\"annotations\":{\"" + NodeConsolidation.DELETION_COST + "\":\"" + NodeConsolidation.LEAVING_COST + "\"}}}");
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
