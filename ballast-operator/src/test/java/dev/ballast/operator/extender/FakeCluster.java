package dev.ballast.operator.extender;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Nodes and pods in memory, with the binds the extender asked for. */
final class FakeCluster implements ExtenderServer.Cluster {
  final Map<String, Node> nodes = new LinkedHashMap<>();
  final List<Pod> pods = new ArrayList<>();
  final List<String> binds = new ArrayList<>();

  static Node node(String name, String product, int gpus) {
    return new NodeBuilder().withNewMetadata().withName(name).addToLabels("nvidia.com/gpu.product", product).endMetadata()
        .withNewStatus().addToAllocatable("cpu", new Quantity("64")).addToAllocatable("memory", new Quantity("256Gi"))
        .addToAllocatable("nvidia.com/gpu", new Quantity(String.valueOf(gpus))).endStatus().build();
  }

  static Pod fractional(String name, String node, int milli, String index) {
    PodBuilder b = new PodBuilder().withNewMetadata().withName(name).withNamespace("ai").addToAnnotations("ballast.dev/gpu-milli", String.valueOf(milli)).endMetadata()
        .withNewSpec().withNodeName(node).addNewContainer().withName("c").withNewResources().addToRequests("cpu", new Quantity("2")).addToRequests("memory", new Quantity("8Gi")).endResources().endContainer().endSpec();
    if (index != null) {
      b.editMetadata().addToAnnotations("ballast.dev/gpu-index", index).endMetadata();
    }
    return b.build();
  }

  /** A pod of whole GPUs, as a serving replica asks for them (nvidia.com/gpu limits). */
  static Pod whole(String name, String node, int gpus) {
    return new PodBuilder().withNewMetadata().withName(name).withNamespace("ai").endMetadata()
        .withNewSpec().withNodeName(node).addNewContainer().withName("c").withNewResources().addToRequests("cpu", new Quantity("2"))
        .addToRequests("memory", new Quantity("8Gi")).addToLimits("nvidia.com/gpu", new Quantity(String.valueOf(gpus))).endResources().endContainer().endSpec()
        .build();
  }

  FakeCluster add(Node n) {
    nodes.put(n.getMetadata().getName(), n);
    return this;
  }

  @Override
  public List<Pod> podsOn(String nodeName) {
    return pods.stream().filter(p -> nodeName.equals(p.getSpec().getNodeName())).toList();
  }

  @Override
  public Node node(String name) {
    return nodes.get(name);
  }

  @Override
  public Pod pod(String namespace, String name) {
    return pods.stream().filter(p -> name.equals(p.getMetadata().getName())).findFirst().orElse(null);
  }

  @Override
  public List<Pod> recentPods() {
    return pods;
  }

  @Override
  public void bind(String namespace, String pod, String uid, String node, String gpuIndex) {
    binds.add(namespace + "/" + pod + "->" + node + "[" + gpuIndex + "]");
    Pod p = pod(namespace, pod);
    if (p != null) { // as the API server would: the pod now runs on the node, on the GPUs recorded
      p.getSpec().setNodeName(node);
      if (!gpuIndex.isEmpty()) {
        p.getMetadata().getAnnotations().put("ballast.dev/gpu-index", gpuIndex);
      }
    }
  }
}
