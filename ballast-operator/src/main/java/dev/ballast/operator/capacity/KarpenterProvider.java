package dev.ballast.operator.capacity;

import dev.ballast.operator.api.v1alpha1.GpuNodePool;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.Map;

/**
 * A pool realised by a Karpenter NodePool. Karpenter keeps no node count: it launches nodes for
 * pods that cannot be scheduled, and the pool's headroom placeholders are those pods. So growing
 * is Karpenter's own doing; removing a node is deleting its Node object, which Karpenter's
 * termination finalizer turns into a drain and an instance termination (karpenter.sh docs,
 * "Disruption: manual methods").
 */
final class KarpenterProvider implements NodePoolProvider {
  static final String NODEPOOL_LABEL = "karpenter.sh/nodepool";
  private static final ResourceDefinitionContext NODE_CLAIMS = new ResourceDefinitionContext.Builder()
      .withGroup("karpenter.sh").withVersion("v1").withKind("NodeClaim").withPlural("nodeclaims").withNamespaced(false).build();
  private final KubernetesClient client;

  KarpenterProvider(KubernetesClient client) {
    this.client = client;
  }

  @Override
  public int provisioning(GpuNodePool pool) {
    return (int) client.genericKubernetesResources(NODE_CLAIMS).withLabel(NODEPOOL_LABEL, pool.getSpec().provider.name).list().getItems()
        .stream()
        .filter(c -> !(c.getAdditionalProperties().get("status") instanceof Map<?, ?> st && st.get("nodeName") != null))
        .count();
  }

  @Override
  public boolean launchesWithoutPods() {
    return false;
  }

  @Override
  public String resize(GpuNodePool pool, int nodes) {
    return "Karpenter NodePool " + pool.getSpec().provider.name + " launches nodes for unschedulable pods itself (raise spec.headroomGpus to make it launch ahead)";
  }

  @Override
  public String remove(GpuNodePool pool, Node node) {
    client.nodes().withName(node.getMetadata().getName()).delete();
    return "deleted Node " + node.getMetadata().getName() + "; Karpenter drains and terminates its instance";
  }

  @Override
  public String stop(GpuNodePool pool, Node node) {
    throw new Unsupported("Karpenter has no stopped state for a node; the stopped tier needs a cloud provider");
  }

  @Override
  public String start(GpuNodePool pool, Node node) {
    throw new Unsupported("Karpenter has no stopped state for a node; the stopped tier needs a cloud provider");
  }
}
