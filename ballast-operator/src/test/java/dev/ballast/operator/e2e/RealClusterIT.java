package dev.ballast.operator.e2e;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The first-install scenario against a real cluster: the current kubeconfig (kind, or any cluster
 * where you may install CRDs), only with {@code BALLAST_E2E=1}. It installs the chart's CRDs,
 * works in the namespace {@code ballast-e2e}, and removes what it created but the CRDs. Off in
 * {@code .ci/run}, which has no cluster.
 *
 * <pre>BALLAST_E2E=1 ./mvnw -B -ntp verify -pl ballast-operator -am -Dit.test=RealClusterIT -Dfailsafe.failIfNoSpecifiedTests=false \
 *     -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false</pre>
 */
@EnabledIfEnvironmentVariable(named = "BALLAST_E2E", matches = "1")
class RealClusterIT {
  @Test
  void recommendModeOnARealApiServer() throws Exception {
    try (KubernetesClient client = new KubernetesClientBuilder().build()) {
      RecommendScenario.run(client, "ballast-e2e", true);
    }
  }
}
