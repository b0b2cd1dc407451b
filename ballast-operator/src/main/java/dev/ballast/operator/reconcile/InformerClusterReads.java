package dev.ballast.operator.reconcile;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.List;
import java.util.Map;

/**
 * Nodes and Pods from fabric8 informers: one list and a watch each, then every read is from
 * memory. A read may lag the API server by the watch's delay; the reconcilers' actions are
 * absolute and re-read what they edit, so a lagging read delays a decision and never doubles one.
 */
public final class InformerClusterReads implements ClusterReads, AutoCloseable {
  private final SharedIndexInformer<Node> nodes;
  private final SharedIndexInformer<Pod> pods;

  private InformerClusterReads(SharedIndexInformer<Node> nodes, SharedIndexInformer<Pod> pods) {
    this.nodes = nodes;
    this.pods = pods;
  }

  /** Starts both informers and waits until each has listed once. */
  public static InformerClusterReads start(KubernetesClient client) {
    SharedIndexInformer<Node> nodes = client.nodes().inform();
    try {
      return new InformerClusterReads(nodes, client.pods().inAnyNamespace().inform());
    } catch (RuntimeException e) {
      nodes.close();
      throw e;
    }
  }

  @Override
  public List<Node> nodes(Map<String, String> selector) {
    return nodes.getStore().list().stream().filter(n -> matches(n, selector)).toList();
  }

  @Override
  public List<Pod> pods() {
    return pods.getStore().list();
  }

  private static boolean matches(Node n, Map<String, String> selector) {
    Map<String, String> labels = n.getMetadata().getLabels();
    return selector == null || selector.isEmpty()
        || labels != null && selector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
  }

  @Override
  public void close() {
    nodes.close();
    pods.close();
  }
}
