package dev.ballast.operator.host;

import dev.ballast.operator.api.v1alpha1.GpuNodePool;
import dev.ballast.operator.api.v1alpha1.InferenceScaler;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ListOptions;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What must hold before the operator starts its informers: the API answers, Ballast's CRDs are
 * served, and this account may list them. Without the check, informers that cannot list log a
 * stack trace each and the operator dies later with a less useful message.
 */
public final class ClusterPreflight {
  static final String INSTALL_CRDS = "kubectl apply -f deploy/helm/ballast/crds/";

  private ClusterPreflight() {}

  /** The first thing in the way, as one sentence that says how to fix it; empty when none. */
  public static Optional<String> problem(KubernetesClient client, Set<String> watchNamespaces) {
    String api = "the Kubernetes API at " + client.getConfiguration().getMasterUrl();
    try {
      client.getKubernetesVersion();
    } catch (KubernetesClientException e) {
      return Optional.of(api + " does not answer: " + innermost(e) + " (point KUBECONFIG or --context at a cluster)");
    }
    String namespace = watchNamespaces.isEmpty() ? null : watchNamespaces.iterator().next();
    ListOptions one = new ListOptionsBuilder().withLimit(1L).build();
    for (Class<? extends CustomResource<?, ?>> kind : List.of(InferenceScaler.class, GpuNodePool.class)) {
      String resource = HasMetadata.getPlural(kind) + "." + HasMetadata.getGroup(kind);
      try {
        var ops = client.resources(kind);
        if (kind == GpuNodePool.class) {
          ops.list(one); // cluster-scoped
        } else if (namespace == null) {
          ops.inAnyNamespace().list(one);
        } else {
          ops.inNamespace(namespace).list(one);
        }
      } catch (KubernetesClientException e) {
        return Optional.of(switch (e.getCode()) {
          case HttpURLConnection.HTTP_NOT_FOUND -> api + " does not serve " + resource + ": install Ballast's CRDs (" + INSTALL_CRDS + ")";
          case HttpURLConnection.HTTP_UNAUTHORIZED -> api + " refuses this client's credentials (HTTP 401): check the kubeconfig's user";
          case HttpURLConnection.HTTP_FORBIDDEN ->
              api + " refuses to list " + resource + " to this account: grant it the chart's ClusterRole (" + innermost(e) + ")";
          default -> api + " failed to list " + resource + ": " + innermost(e);
        });
      }
    }
    return Optional.empty();
  }

  /** The innermost cause says most: a refused connection or an unknown host. */
  public static String innermost(Throwable e) {
    String why = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
      why = t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
    }
    return why;
  }
}
