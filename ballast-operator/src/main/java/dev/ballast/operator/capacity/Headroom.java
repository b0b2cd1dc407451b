package dev.ballast.operator.capacity;

import dev.ballast.operator.api.v1alpha1.GpuNodePool;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.Map;

/**
 * Keeps a pool's headroom: a Deployment of pause pods, one GPU each, of the PriorityClass {@value
 * #PRIORITY_CLASS} (value below every real workload, created by the Helm chart). They hold GPUs free
 * on running nodes, make Karpenter or the Cluster Autoscaler launch nodes ahead, and are preempted
 * the moment a real pod needs the GPU.
 */
public final class Headroom {
  public static final String PRIORITY_CLASS = "ballast-headroom";
  static final String PAUSE_IMAGE = "registry.k8s.io/pause:3.10";
  private final KubernetesClient client;
  private final String namespace;

  public Headroom(KubernetesClient client, String namespace) {
    this.client = client;
    this.namespace = namespace;
  }

  public static String name(GpuNodePool pool) {
    return "ballast-headroom-" + pool.getMetadata().getName();
  }

  /** Sets the placeholder count to the pool's headroomGpus, creating the Deployment if needed; returns what it did, or null if nothing. */
  public String ensure(GpuNodePool pool) {
    int gpus = pool.getSpec().headroomGpus;
    Deployment existing = client.apps().deployments().inNamespace(namespace).withName(name(pool)).get();
    if (existing == null) {
      if (gpus == 0) {
        return null;
      }
      try {
        client.apps().deployments().inNamespace(namespace).resource(build(pool, gpus)).create();
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409) {
          throw e;
        }
      }
      return "headroom " + name(pool) + " created with " + gpus + " placeholder GPUs";
    }
    Integer now = existing.getSpec().getReplicas();
    if (now != null && now == gpus) {
      return null;
    }
    client.apps().deployments().inNamespace(namespace).withName(name(pool)).patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"replicas\":" + gpus + "}}");
    return "headroom " + name(pool) + " " + now + " -> " + gpus + " placeholder GPUs";
  }

  private Deployment build(GpuNodePool pool, int gpus) {
    Map<String, String> labels = Map.of("app.kubernetes.io/managed-by", "ballast", "ballast.dev/headroom", pool.getMetadata().getName());
    return new DeploymentBuilder()
        .withNewMetadata().withName(name(pool)).withNamespace(namespace).withLabels(labels).endMetadata()
        .withNewSpec().withReplicas(gpus)
        .withNewSelector().withMatchLabels(labels).endSelector()
        .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata()
        .withNewSpec()
        .withPriorityClassName(PRIORITY_CLASS)
        .withTerminationGracePeriodSeconds(0L)
        .withNodeSelector(pool.getSpec().nodeSelector)
        .addNewContainer().withName("pause").withImage(PAUSE_IMAGE)
        .withNewResources().addToLimits(PoolSnapshot.GPU_RESOURCE, new Quantity("1")).endResources()
        .endContainer()
        .endSpec().endTemplate().endSpec()
        .build();
  }
}
