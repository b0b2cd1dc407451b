package dev.ballast.operator.extender;

import dev.ballast.operator.GpuAnnotations;
import io.fabric8.kubernetes.api.model.BindingBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The extender's view of a real cluster, through the fabric8 client. */
public final class KubernetesCluster implements ExtenderServer.Cluster {
  private final KubernetesClient client;

  public KubernetesCluster(KubernetesClient client) {
    this.client = client;
  }

  @Override
  public List<Pod> podsOn(String nodeName) {
    return client.pods().inAnyNamespace().withField("spec.nodeName", nodeName).list().getItems();
  }

  /** Beyond a few nodes, one list of the running pods grouped by node beats a list per node. */
  @Override
  public Map<String, List<Pod>> podsOn(List<String> nodeNames) {
    if (nodeNames.size() <= 3) {
      return ExtenderServer.Cluster.super.podsOn(nodeNames);
    }
    Set<String> wanted = new HashSet<>(nodeNames);
    Map<String, List<Pod>> byNode = new HashMap<>();
    // finished pods hold nothing; pending ones bound to a node already hold their GPUs
    for (Pod p : client.pods().inAnyNamespace().withoutField("status.phase", "Succeeded").withoutField("status.phase", "Failed").list().getItems()) {
      String node = p.getSpec() == null ? null : p.getSpec().getNodeName();
      String phase = p.getStatus() == null ? null : p.getStatus().getPhase();
      boolean finished = "Succeeded".equals(phase) || "Failed".equals(phase); // also where the selector is not honoured
      if (node != null && wanted.contains(node) && !finished) {
        byNode.computeIfAbsent(node, k -> new ArrayList<>()).add(p);
      }
    }
    return byNode;
  }

  @Override
  public Node node(String name) {
    return client.nodes().withName(name).get();
  }

  @Override
  public Pod pod(String namespace, String name) {
    return client.pods().inNamespace(namespace).withName(name).get();
  }

  @Override
  public List<Pod> recentPods() {
    return client.pods().inAnyNamespace().withLabel("ballast.dev/managed").list().getItems();
  }

  @Override
  public void bind(String namespace, String pod, String uid, String node, String gpuIndex) {
    if (!gpuIndex.isEmpty()) {
      client.pods().inNamespace(namespace).withName(pod).edit(p -> new io.fabric8.kubernetes.api.model.PodBuilder(p)
          .editMetadata().addToAnnotations(GpuAnnotations.INDEX, gpuIndex).endMetadata().build());
    }
    client.bindings().inNamespace(namespace).resource(new BindingBuilder()
        .withNewMetadata().withName(pod).withNamespace(namespace).withUid(uid.isEmpty() ? null : uid).endMetadata()
        .withNewTarget().withKind("Node").withApiVersion("v1").withName(node).endTarget()
        .build()).create();
  }
}
