package dev.ballast.operator.extender;

import dev.ballast.operator.GpuAnnotations;
import io.fabric8.kubernetes.api.model.BindingBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;

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
