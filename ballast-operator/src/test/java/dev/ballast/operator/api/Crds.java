package dev.ballast.operator.api;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Installs Ballast's generated CRDs into a (mock) API server, as the chart does. */
public final class Crds {
  private Crds() {}

  /** @param plurals the CRDs by plural name, e.g. {@code inferencescalers} */
  public static void install(KubernetesClient client, String... plurals) {
    for (String plural : plurals) {
      try (InputStream in = Crds.class.getResourceAsStream("/META-INF/fabric8/" + plural + ".ballast.dev-v1.yml")) {
        CustomResourceDefinition crd = client.getKubernetesSerialization().unmarshal(in, CustomResourceDefinition.class);
        client.apiextensions().v1().customResourceDefinitions().resource(crd).createOr(c -> c.update());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
