package dev.ballast.operator.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The checks before the informers start, against the fabric8 mock API server in expectation mode. */
@EnableKubernetesMockClient(https = false)
class ClusterPreflightTest {
  static KubernetesClient client;
  static KubernetesMockServer server;
  static final String EMPTY_LIST = "{\"apiVersion\":\"ballast.dev/v1alpha1\",\"kind\":\"List\",\"items\":[],\"metadata\":{}}";

  static void apiAnswers() {
    server.expect().get().withPath("/version").andReturn(200, "{\"major\":\"1\",\"minor\":\"31\",\"gitVersion\":\"v1.31.0\"}").once();
  }

  @Test
  void aClusterWithTheCrdsAndTheRightsPasses() {
    apiAnswers();
    server.expect().get().withPath("/apis/ballast.dev/v1alpha1/inferencescalers?limit=1").andReturn(200, EMPTY_LIST).once();
    server.expect().get().withPath("/apis/ballast.dev/v1alpha1/gpunodepools?limit=1").andReturn(200, EMPTY_LIST).once();
    assertThat(ClusterPreflight.problem(client, Set.of())).isEmpty();
  }

  @Test
  void withoutTheCrdsItSaysHowToInstallThem() {
    apiAnswers();
    // the mock server answers 404 to what it does not expect, as an API server does for an unknown resource
    assertThat(ClusterPreflight.problem(client, Set.of()))
        .hasValueSatisfying(p -> assertThat(p).contains("does not serve inferencescalers.ballast.dev", ClusterPreflight.INSTALL_CRDS));
  }

  @Test
  void aWatchedNamespaceIsCheckedThereAndARefusalNamesTheRole() {
    apiAnswers();
    server.expect().get().withPath("/apis/ballast.dev/v1alpha1/namespaces/ai/inferencescalers?limit=1").andReturn(200, EMPTY_LIST).once();
    server.expect().get().withPath("/apis/ballast.dev/v1alpha1/gpunodepools?limit=1")
        .andReturn(403, new StatusBuilder().withCode(403).withReason("Forbidden").withMessage("gpunodepools.ballast.dev is forbidden").build()).once();
    assertThat(ClusterPreflight.problem(client, Set.of("ai")))
        .hasValueSatisfying(p -> assertThat(p).contains("refuses to list gpunodepools.ballast.dev", "ClusterRole"));
  }

  @Test
  void anApiThatRefusesTheCredentialsSaysSo() {
    apiAnswers();
    server.expect().get().withPath("/apis/ballast.dev/v1alpha1/inferencescalers?limit=1")
        .andReturn(401, new StatusBuilder().withCode(401).withReason("Unauthorized").withMessage("Unauthorized").build()).once();
    assertThat(ClusterPreflight.problem(client, Set.of()))
        .hasValueSatisfying(p -> assertThat(p).contains("refuses this client's credentials (HTTP 401)", "kubeconfig"));
  }

  @Test
  void anApiThatDoesNotAnswerIsNamedWithTheCause() {
    try (KubernetesClient nowhere = new KubernetesClientBuilder()
        .withConfig(new ConfigBuilder().withMasterUrl("http://127.0.0.1:1").withRequestRetryBackoffLimit(0).build()).build()) {
      assertThat(ClusterPreflight.problem(nowhere, Set.of()))
          .hasValueSatisfying(p -> assertThat(p).contains("the Kubernetes API at http://127.0.0.1:1", "does not answer", "KUBECONFIG"));
    }
  }
}
