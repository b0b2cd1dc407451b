package dev.ballast.operator.e2e;

import dev.ballast.operator.host.MockApiServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The first-install scenario against the fabric8 mock (which does not enforce CEL rules). */
@EnableKubernetesMockClient(crud = true, https = false)
class RecommendScenarioTest {
  static KubernetesClient client;
  static KubernetesMockServer server;

  @AfterAll
  static void shutDownTheMockServer() {
    MockApiServer.shutDown(server);
  }

  @Test
  void recommendModeWritesStatusAndChangesNothing() throws Exception {
    RecommendScenario.run(client, "ballast-e2e", false);
  }
}
