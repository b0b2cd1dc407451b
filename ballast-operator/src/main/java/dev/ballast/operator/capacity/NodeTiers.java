package dev.ballast.operator.capacity;

import dev.ballast.operator.api.v1alpha1.GpuNodePool;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Moves nodes between tiers on the cluster side: the standby taint on and off, the prefetch Job
 * that pulls the serving image onto a standby node, the cached-models record once it succeeded, and
 * cordoning before removal. Each call sets a state and can be repeated.
 */
public final class NodeTiers {
  private static final PatchContext MERGE = PatchContext.of(PatchType.JSON_MERGE);
  private final KubernetesClient client;
  private final String namespace;

  public NodeTiers(KubernetesClient client, String namespace) {
    this.client = client;
    this.namespace = namespace;
  }

  /** Taint (standby) or untaint (serve) the node. */
  public void standby(Node node, boolean on) {
    taint(node, PoolSnapshot.STANDBY_TAINT, "NoSchedule", on);
  }

  /** Softly taint the node being emptied by consolidation, so that its replicas' replacements land elsewhere; or lift it. */
  public void consolidating(Node node, boolean on) {
    taint(node, NodeConsolidation.TAINT, "PreferNoSchedule", on);
  }

  public static boolean consolidating(Node node) {
    return hasTaint(node, NodeConsolidation.TAINT);
  }

  /** The whole taint list is written with the read's resourceVersion, so a concurrent change gets a 409 and a retry. */
  private void taint(Node node, String key, String effect, boolean on) {
    if (hasTaint(node, key) == on) {
      return;
    }
    Node edited = client.nodes().withName(node.getMetadata().getName()).get();
    if (edited == null) {
      return;
    }
    List<Taint> taints = new ArrayList<>(edited.getSpec() == null || edited.getSpec().getTaints() == null ? List.of() : edited.getSpec().getTaints());
    taints.removeIf(t -> key.equals(t.getKey()));
    if (on) {
      taints.add(new TaintBuilder().withKey(key).withValue("true").withEffect(effect).build());
    }
    edited.getSpec().setTaints(taints);
    client.nodes().resource(edited).update();
  }

  private static boolean hasTaint(Node node, String key) {
    return node.getSpec() != null && node.getSpec().getTaints() != null && node.getSpec().getTaints().stream().anyMatch(t -> key.equals(t.getKey()));
  }

  /**
   * Brings a standby node's cache up to date: nothing once the node records the pool's model; else
   * the prefetch Job is created if it does not exist, and once it has succeeded the model is
   * recorded in the node's {@value PoolSnapshot#CACHED_MODELS_ANNOTATION} annotation. Returns what
   * it did.
   */
  public String prefetch(GpuNodePool pool, Node node) {
    String image = pool.getSpec().prefetchImage;
    String model = pool.getSpec().prefetchModel;
    Set<String> cached = new LinkedHashSet<>(PoolSnapshot.cachedModels(node));
    if (image == null) {
      return "no prefetchImage set: nothing to pull";
    }
    if (model != null && cached.contains(model)) {
      return model + " cached";
    }
    String name = jobName(node);
    Job job = client.batch().v1().jobs().inNamespace(namespace).withName(name).get();
    if (job == null) {
      try {
        client.batch().v1().jobs().inNamespace(namespace).resource(prefetchJob(name, image, node)).create();
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409) {
          throw e;
        }
      }
      return "prefetch Job " + name + " pulls " + image;
    }
    boolean done = job.getStatus() != null && job.getStatus().getSucceeded() != null && job.getStatus().getSucceeded() > 0;
    if (done && model != null) {
      cached.add(model);
      client.nodes().withName(node.getMetadata().getName())
          .patch(MERGE, "{\"metadata\":{\"annotations\":{\"" + PoolSnapshot.CACHED_MODELS_ANNOTATION + "\":\"" + String.join(",", cached) + "\"}}}");
      return model + " now cached";
    }
    return "prefetch Job " + name + (done ? " done" : " running");
  }

  private Job prefetchJob(String name, String image, Node node) {
    return new JobBuilder()
        .withNewMetadata().withName(name).withNamespace(namespace)
        .addToLabels("app.kubernetes.io/managed-by", "ballast").addToLabels("ballast.dev/prefetch-node", node.getMetadata().getName())
        .endMetadata()
        .withNewSpec().withBackoffLimit(3).withTtlSecondsAfterFinished(86400)
        .withNewTemplate().withNewSpec()
        .withNodeName(node.getMetadata().getName())
        .withRestartPolicy("OnFailure")
        .addNewToleration().withKey(PoolSnapshot.STANDBY_TAINT).withOperator("Exists").withEffect("NoSchedule").endToleration()
        .addNewContainer().withName("prefetch").withImage(image).withCommand("/bin/sh", "-c", "exit 0").endContainer()
        .endSpec().endTemplate().endSpec()
        .build();
  }

  /** Cordons the node and marks it as being removed, before the provider removes it. */
  public void cordonForRemoval(Node node) {
    client.nodes().withName(node.getMetadata().getName())
        .patch(MERGE, "{\"metadata\":{\"annotations\":{\"" + PoolSnapshot.REMOVING_ANNOTATION + "\":\"true\"}},\"spec\":{\"unschedulable\":true}}");
  }

  static String jobName(Node node) {
    String n = "ballast-prefetch-" + node.getMetadata().getName().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
    return n.length() > 63 ? n.substring(0, 63).replaceAll("-+$", "") : n;
  }
}
