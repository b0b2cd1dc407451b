package dev.ballast.operator.capacity;

import dev.ballast.core.capacity.Consolidation;
import dev.ballast.core.resources.GpuRequest;
import dev.ballast.core.resources.ResourceRequirements;
import dev.ballast.core.resources.Resources;
import dev.ballast.core.spi.ClusterSnapshot;
import dev.ballast.core.spi.ClusterView;
import dev.ballast.core.spi.PodPhase;
import dev.ballast.core.spi.PodView;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.readiness.Readiness;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The core's {@link Consolidation} hosted for the operator, shared by its two reconcilers: the
 * GpuNodePool reconciler follows each pool's moves from the pods on its nodes, and the
 * InferenceScaler reconciler asks for one more replica per move and marks the leaving pods to go
 * first ({@value #DELETION_COST}), so that the Deployment's scale-down removes them once their
 * replacements serve. Only replicas of Deployments scaled in Enforce mode, on a pool of the GPU
 * type their InferenceScaler names, are moved. The state is in memory: after a restart a
 * replacement already started is an extra replica like any other, and the marked pod still goes
 * first when it is scaled away.
 */
public final class NodeConsolidation {
  /** Soft taint on the node being emptied, so that kube-scheduler places its replacements elsewhere (as Cluster Autoscaler's deletion candidates). */
  public static final String TAINT = "ballast.dev/consolidating";

  /** The ReplicaSet controller removes pods of lower cost first when it scales down. */
  public static final String DELETION_COST = "controller.kubernetes.io/pod-deletion-cost";

  /** Deletion cost of a pod leaving a node being emptied. */
  public static final String LEAVING_COST = "-1000";

  /**
   * A Deployment that an InferenceScaler scales in Enforce mode, and the GPU type it asks for
   * (catalog id).
   *
   * @param belowMax whether it has fewer replicas than its maximum: only then can a replacement
   *     start, so only then do its replicas move
   */
  public record Scaled(String namespace, String deployment, String gpuType, boolean belowMax) {}

  private final Map<String, Scaled> scaled = new ConcurrentHashMap<>(); // by InferenceScaler key
  private final Map<String, Consolidation> byPool = new ConcurrentHashMap<>();

  /** The InferenceScaler {@code key} scales this Deployment in Enforce mode; its replicas may be moved. */
  public void register(String key, Scaled target) {
    scaled.put(key, target);
  }

  /** The InferenceScaler no longer scales (deleted, or in Recommend mode): its replicas stay. */
  public void unregister(String key) {
    scaled.remove(key);
  }

  /** The pool is gone or cannot be read: its moves end, and its services want no more replicas for them. */
  public synchronized void forget(String poolId) {
    byPool.remove(poolId);
  }

  /**
   * Follows the pool's moves and starts the next one when a node qualifies ({@link
   * Consolidation#update}). {@code pool} is the pool's snapshot, {@code pods} every pod the
   * reconciler read. Returns the node being emptied, if any, and why.
   */
  public synchronized Optional<Emptying> update(String poolId, double afterSeconds, ClusterView pool, List<Pod> pods, Instant now) {
    if (afterSeconds <= 0) {
      forget(poolId);
      return Optional.empty();
    }
    Consolidation c = byPool.compute(poolId, (k, old) -> old != null && old.afterSeconds() == afterSeconds ? old : new Consolidation(afterSeconds, Consolidation.TIMEOUT_SECONDS));
    String gpuType = pool.catalog().nodeType(pool.nodePools().get(0).nodeTypeId()).gpu().id();
    ClusterView view = withReplicas(pool, replicas(pool, pods, gpuType, now));
    Optional<String> before = c.emptying();
    c.update(view, now.toEpochMilli() / 1000.0, p -> scaled.containsKey(p.serviceId()) && scaled.get(p.serviceId()).belowMax());
    return c.emptying().map(n -> new Emptying(n, before.isEmpty() ? c.reason() : null));
  }

  /**
   * The node being emptied.
   *
   * @param started the reason, when this update started it; null while it goes on
   */
  public record Emptying(String nodeId, String started) {}

  /** Replicas the InferenceScaler wants beyond its plan: those still waiting for their replacement to serve. */
  public synchronized int extra(String key) {
    return byPool.values().stream().mapToInt(c -> c.extra(key)).sum();
  }

  /** Pods ({@code namespace/name}) of the InferenceScaler on a node being emptied: they go first. */
  public synchronized Set<String> leaving(String key) {
    Set<String> out = new HashSet<>();
    byPool.values().forEach(c -> out.addAll(c.moving(key)));
    return out;
  }

  /** Pods ({@code namespace/name}) of the InferenceScaler whose replacement is Ready: they may go now. */
  public synchronized Set<String> retiring(String key) {
    Set<String> out = new HashSet<>();
    byPool.values().forEach(c -> out.addAll(c.retiring(key)));
    return out;
  }

  /** Why the pool's latest consolidation started (empty before the first). */
  public synchronized String reason(String key) {
    for (Consolidation c : byPool.values()) {
      if (!c.moving(key).isEmpty()) {
        return c.reason();
      }
    }
    return "";
  }

  /** The GPU replicas on the pool's nodes that a registered InferenceScaler may move, as the core sees pods. */
  private List<PodView> replicas(ClusterView pool, List<Pod> pods, String gpuType, Instant now) {
    Set<String> nodes = new HashSet<>();
    pool.nodes().forEach(n -> nodes.add(n.id()));
    List<PodView> out = new ArrayList<>();
    for (Pod p : pods) {
      String node = p.getSpec() == null ? null : p.getSpec().getNodeName();
      String phaseName = p.getStatus() == null ? null : p.getStatus().getPhase();
      if ("Succeeded".equals(phaseName) || "Failed".equals(phaseName)) {
        continue; // holds no GPU, as the pool's snapshot counts them
      }
      int gpus = PoolSnapshot.gpuRequest(p);
      String key = node != null && nodes.contains(node) && gpus > 0 ? scalerOf(p, gpuType) : null;
      if (key != null) {
        PodPhase phase = p.getMetadata().getDeletionTimestamp() != null ? PodPhase.TERMINATING : Readiness.isPodReady(p) ? PodPhase.READY : PodPhase.STARTING;
        out.add(new PodView(p.getMetadata().getNamespace() + "/" + p.getMetadata().getName(), key, node, gpuType, phase,
            ResourceRequirements.guaranteed(Resources.of(0, 0, new GpuRequest.Whole(gpus))), now));
      }
    }
    return out;
  }

  /** The InferenceScaler whose Deployment owns the pod (through the ReplicaSet its template hash names), on a pool of its GPU type; null if none. */
  private String scalerOf(Pod p, String poolGpuType) {
    Map<String, String> labels = p.getMetadata().getLabels();
    String hash = labels == null ? null : labels.get("pod-template-hash");
    List<OwnerReference> owners = p.getMetadata().getOwnerReferences();
    if (hash == null || owners == null) {
      return null;
    }
    for (OwnerReference o : owners) {
      if (!"ReplicaSet".equals(o.getKind())) {
        continue;
      }
      for (Map.Entry<String, Scaled> e : scaled.entrySet()) {
        Scaled s = e.getValue();
        if (s.namespace().equals(p.getMetadata().getNamespace()) && o.getName().equals(s.deployment() + "-" + hash) && s.gpuType().equals(poolGpuType)) {
          return e.getKey();
        }
      }
    }
    return null;
  }

  private static ClusterView withReplicas(ClusterView pool, List<PodView> replicas) {
    return new ClusterSnapshot(pool.nodes(), replicas, List.of(), pool.nodePools(), pool.catalog());
  }
}
