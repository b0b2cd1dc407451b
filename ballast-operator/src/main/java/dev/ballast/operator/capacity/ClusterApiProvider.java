package dev.ballast.operator.capacity;

import dev.ballast.operator.api.v1alpha1.GpuNodePool;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import java.util.List;
import java.util.Map;

/**
 * A pool realised by a Cluster API MachineDeployment: its {@code spec.replicas} is the node count.
 * A node is removed by marking its Machine with {@code cluster.x-k8s.io/delete-machine}, so the
 * MachineSet deletes that machine and not another (cluster-api book, "MachineSet deletion
 * policy"), then setting the count to the machines not so marked: an absolute value, so a retry
 * after a crash drops nothing twice.
 */
final class ClusterApiProvider implements NodePoolProvider {
  static final String API_VERSION = "cluster.x-k8s.io/v1beta1";
  static final String MACHINE_ANNOTATION = "cluster.x-k8s.io/machine";
  static final String DELETE_MACHINE = "cluster.x-k8s.io/delete-machine";
  static final String DEPLOYMENT_LABEL = "cluster.x-k8s.io/deployment-name";
  private static final PatchContext MERGE = PatchContext.of(PatchType.JSON_MERGE);
  private final KubernetesClient client;

  ClusterApiProvider(KubernetesClient client) {
    this.client = client;
  }

  private static String namespace(GpuNodePool pool) {
    String ns = pool.getSpec().provider.namespace;
    return ns == null ? "default" : ns;
  }

  private MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> kind(String kind) {
    // named in full, so no discovery call is needed (and a cluster without Cluster API gets a plain 404)
    return client.genericKubernetesResources(new ResourceDefinitionContext.Builder().withGroup("cluster.x-k8s.io").withVersion("v1beta1")
        .withKind(kind).withPlural(kind.toLowerCase(java.util.Locale.ROOT) + "s").withNamespaced(true).build());
  }

  private List<GenericKubernetesResource> liveMachines(GpuNodePool pool) {
    return kind("Machine").inNamespace(namespace(pool)).withLabel(DEPLOYMENT_LABEL, pool.getSpec().provider.name).list().getItems().stream()
        .filter(m -> m.getMetadata().getAnnotations() == null || !"true".equals(m.getMetadata().getAnnotations().get(DELETE_MACHINE)))
        .toList();
  }

  @Override
  public int provisioning(GpuNodePool pool) {
    return (int) liveMachines(pool).stream()
        .filter(m -> !(m.getAdditionalProperties().get("status") instanceof Map<?, ?> st && st.get("nodeRef") != null))
        .count();
  }

  @Override
  public String resize(GpuNodePool pool, int nodes) {
    String name = pool.getSpec().provider.name;
    GenericKubernetesResource md = kind("MachineDeployment").inNamespace(namespace(pool)).withName(name).get();
    if (md == null) {
      throw new Unsupported("MachineDeployment " + namespace(pool) + "/" + name + " not found");
    }
    int current = md.getAdditionalProperties().get("spec") instanceof Map<?, ?> spec && spec.get("replicas") instanceof Number n ? n.intValue() : 0;
    if (current >= nodes) {
      return "MachineDeployment " + namespace(pool) + "/" + name + " already at replicas=" + current;
    }
    return setReplicas(pool, nodes);
  }

  private String setReplicas(GpuNodePool pool, int nodes) {
    String name = pool.getSpec().provider.name;
    kind("MachineDeployment").inNamespace(namespace(pool)).withName(name).patch(MERGE, "{\"spec\":{\"replicas\":" + nodes + "}}");
    return "MachineDeployment " + namespace(pool) + "/" + name + " replicas=" + nodes;
  }

  @Override
  public String remove(GpuNodePool pool, Node node) {
    Map<String, String> ann = node.getMetadata().getAnnotations();
    String machine = ann == null ? null : ann.get(MACHINE_ANNOTATION);
    if (machine == null) {
      throw new Unsupported("node " + node.getMetadata().getName() + " has no " + MACHINE_ANNOTATION + " annotation: not a Cluster API machine");
    }
    String[] nsName = machine.split("/", 2);
    String machineName = nsName[nsName.length - 1];
    kind("Machine").inNamespace(namespace(pool)).withName(machineName)
        .patch(MERGE, "{\"metadata\":{\"annotations\":{\"" + DELETE_MACHINE + "\":\"true\"}}}");
    return "Machine " + machineName + " marked " + DELETE_MACHINE + "; " + setReplicas(pool, liveMachines(pool).size());
  }

  @Override
  public String stop(GpuNodePool pool, Node node) {
    throw new Unsupported("Cluster API has no stopped state for a Machine; the stopped tier needs a cloud provider");
  }

  @Override
  public String start(GpuNodePool pool, Node node) {
    throw new Unsupported("Cluster API has no stopped state for a Machine; the stopped tier needs a cloud provider");
  }
}
