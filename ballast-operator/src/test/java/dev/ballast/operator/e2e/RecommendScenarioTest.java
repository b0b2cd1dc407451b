package dev.ballast.operator.e2e;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import org.junit.jupiter.api.Test;

/** The first-install scenario against the fabric8 mock (which does not enforce CEL rules). */
@EnableKubernetesMockClient(crud = true, https = false)
class RecommendScenarioTest {
  static KubernetesClient client;

  @Test
  void recommendModeWritesStatusAndChangesNothing() throws Exception {
    RecommendScenario.run(client, "ballast-e2e", false);
  }
}
