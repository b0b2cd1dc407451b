package dev.ballast.operator.extender;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The extender's reads of a real API (the fabric8 mock server in CRUD mode). */
@EnableKubernetesMockClient(crud = true)
class KubernetesClusterTest {
  static KubernetesClient client;

  static void pod(String name, String node, String phase) {
    client.pods().inNamespace("ai").resource(new PodBuilder().withNewMetadata().withName(name).withNamespace("ai").endMetadata()
        .withNewSpec().withNodeName(node).endSpec().withNewStatus().withPhase(phase).endStatus().build()).create();
  }

  @Test
  void podsOnManyNodesAreReadTogetherAndFinishedPodsLeftOut() {
    pod("a", "n1", "Running");
    pod("b", "n1", "Pending");
    pod("c", "n2", "Running");
    pod("done", "n2", "Succeeded");
    pod("crashed", "n3", "Failed");
    pod("elsewhere", "n9", "Running");
    KubernetesCluster cluster = new KubernetesCluster(client);
    Map<String, List<String>> names = new java.util.TreeMap<>();
    cluster.podsOn(List.of("n1", "n2", "n3", "n4", "n5")).forEach((node, pods) -> names.put(node, pods.stream().map(p -> p.getMetadata().getName()).sorted().toList()));
    assertThat(names).isEqualTo(Map.of("n1", List.of("a", "b"), "n2", List.of("c")));
    // one node at a time is read with the spec.nodeName field selector, which the mock server does not implement
  }
}
