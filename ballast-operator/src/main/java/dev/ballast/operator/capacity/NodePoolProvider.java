package dev.ballast.operator.capacity;

import dev.ballast.operator.api.v1alpha1.GpuNodePool;
import io.fabric8.kubernetes.api.model.Node;

/**
 * The port through which node decisions reach the infrastructure. Cluster API and Karpenter
 * implement growing and removing; stopping an instance with its disk kept and resuming it needs a
 * cloud API, so those implementations come with the cloud providers and until then report {@link
 * Unsupported}. Every method is idempotent: it sets a state, never adds a delta, so a reconcile
 * that crashed and runs again does the same thing once.
 */
public interface NodePoolProvider {
  /** What cannot be done through this provider; the reconciler turns it into a condition and an event. */
  final class Unsupported extends RuntimeException {
    public Unsupported(String message) {
      super(message);
    }
  }

  /** Whether {@link #remove} can work here; checked before a node is cordoned for removal. */
  default boolean removes() {
    return true;
  }

  /**
   * Whether {@link #resize} makes nodes come up that no pod waits for (a standby floor). Karpenter
   * launches only for pods that cannot be scheduled.
   */
  default boolean launchesWithoutPods() {
    return true;
  }

  /** Machines asked for that have no Node yet: the planner counts them as coming up. */
  int provisioning(GpuNodePool pool);

  /**
   * Make the pool hold at least {@code nodes} nodes in all, those existing and provisioning
   * included. It never lowers the count: a count taken from a cache that has not yet seen a node
   * that just joined must not remove a machine. Nodes go only through {@link #remove}.
   *
   * @return what was done, for the event
   */
  String resize(GpuNodePool pool, int nodes);

  /** Remove this node (already cordoned) from the pool; returns what was done. */
  String remove(GpuNodePool pool, Node node);

  /** Stop the node's instance, keeping its disk; its Node object stays, annotated stopped. */
  String stop(GpuNodePool pool, Node node);

  /** Resume a stopped node. */
  String start(GpuNodePool pool, Node node);

  /** Picks the implementation the pool's spec names. */
  static NodePoolProvider of(GpuNodePool pool, io.fabric8.kubernetes.client.KubernetesClient client) {
    return switch (pool.getSpec().provider.kind) {
      case None -> new RecommendOnlyProvider();
      case ClusterAPI -> new ClusterApiProvider(client);
      case Karpenter -> new KarpenterProvider(client);
    };
  }
}
