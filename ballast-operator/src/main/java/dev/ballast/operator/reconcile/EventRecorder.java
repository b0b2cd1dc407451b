package dev.ballast.operator.reconcile;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/**
 * Writes Kubernetes Events carrying Ballast's reasons, so {@code kubectl describe} shows them, and
 * logs each one, so {@code ballast recommend} run from a laptop shows what Ballast would do.
 */
public final class EventRecorder {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(EventRecorder.class);
  private final KubernetesClient client;

  public EventRecorder(KubernetesClient client) {
    this.client = client;
  }

  public void record(HasMetadata about, String type, String reason, String message, Instant now) {
    String ns = about.getMetadata().getNamespace() == null ? "default" : about.getMetadata().getNamespace(); // cluster-scoped objects' events live in default
    String who = about.getKind() + " " + (about.getMetadata().getNamespace() == null ? "" : about.getMetadata().getNamespace() + "/") + about.getMetadata().getName();
    if ("Warning".equals(type)) {
      LOG.warn("{} {}: {}", who, reason, message);
    } else {
      LOG.info("{} {}: {}", who, reason, message);
    }
    client.v1().events().inNamespace(ns).resource(new EventBuilder()
        .withNewMetadata()
        .withName(about.getMetadata().getName() + "." + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT))
        .withNamespace(ns)
        .endMetadata()
        .withInvolvedObject(new ObjectReferenceBuilder()
            .withApiVersion(about.getApiVersion())
            .withKind(about.getKind())
            .withName(about.getMetadata().getName())
            .withNamespace(ns)
            .withUid(about.getMetadata().getUid())
            .build())
        .withType(type)
        .withReason(reason)
        .withMessage(message.length() > 1024 ? message.substring(0, 1024) + "…" : message)
        .withFirstTimestamp(now.toString())
        .withLastTimestamp(now.toString())
        .withCount(1)
        .withNewSource().withComponent("ballast-operator").endSource()
        .build()).create();
  }
}
