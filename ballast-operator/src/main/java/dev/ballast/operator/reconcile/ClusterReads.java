package dev.ballast.operator.reconcile;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;

/**
 * How a reconciler reads Nodes and Pods. The operator reads them from informer caches ({@link
 * InformerClusterReads}), so that a reconcile costs no list call however large the cluster; tests
 * may read the API directly.
 */
public interface ClusterReads {
  /** The Nodes carrying every label of the selector. */
  List<Node> nodes(Map<String, String> selector);

  /** Every Pod in the cluster. */
  List<Pod> pods();

  /** Lists from the API server on every call. */
  static ClusterReads direct(KubernetesClient client) {
    return new ClusterReads() {
      @Override
      public List<Node> nodes(Map<String, String> selector) {
        return client.nodes().withLabels(selector).list().getItems();
      }

      @Override
      public List<Pod> pods() {
        return client.pods().inAnyNamespace().list().getItems();
      }
    };
  }
}
