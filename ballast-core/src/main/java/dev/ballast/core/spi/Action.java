package dev.ballast.core.spi;

import java.util.Objects;

/**
 * One change a policy asks of the cluster. Each carries the reason a person reads in events,
 * status and reports.
 */
public sealed interface Action
    permits Action.ScaleReplicas,
        Action.RemoveReplica,
        Action.SleepReplica,
        Action.WakeReplica,
        Action.AddNodes,
        Action.RemoveNode,
        Action.StopNode,
        Action.StartNode,
        Action.SetStandby {

  String reason();

  /**
   * Set a service's replica count (the {@code /scale} subresource). Replicas added run on {@code
   * gpuTypeId} when it is given (the service's Deployment for that GPU type), else on the
   * service's default type.
   */
  record ScaleReplicas(String serviceId, int replicas, String gpuTypeId, String reason) implements Action {
    public ScaleReplicas {
      Objects.requireNonNull(serviceId, "serviceId");
      if (replicas < 0) {
        throw new IllegalArgumentException("replicas must be >= 0, got " + replicas);
      }
    }

    /** Replicas on the service's default GPU type. */
    public ScaleReplicas(String serviceId, int replicas, String reason) {
      this(serviceId, replicas, null, reason);
    }
  }

  /** Take one named replica out: it drains its in-flight requests, then goes. */
  record RemoveReplica(String podId, String reason) implements Action {}

  /**
   * Put a serving replica to sleep (vLLM sleep mode): it leaves rotation, finishes its in-flight
   * requests, and keeps its GPU with its weights in host memory, ready to wake in seconds.
   */
  record SleepReplica(String podId, String reason) implements Action {}

  /** Wake a sleeping replica back into rotation. */
  record WakeReplica(String podId, String reason) implements Action {}

  /** Ask the cloud for {@code count} new nodes of a pool. */
  record AddNodes(String poolId, int count, String reason) implements Action {
    public AddNodes {
      if (count < 1) {
        throw new IllegalArgumentException("count must be >= 1, got " + count);
      }
    }
  }

  /** Drain a node and delete it. */
  record RemoveNode(String nodeId, String reason) implements Action {}

  /** Stop an empty node's instance, keeping its disk (and caches). */
  record StopNode(String nodeId, String reason) implements Action {}

  /** Resume a stopped node. */
  record StartNode(String nodeId, String reason) implements Action {}

  /**
   * Hold a ready node in standby (tainted, with the model's image and weights prefetched) or
   * release it to serve.
   */
  record SetStandby(String nodeId, boolean standby, String prefetchModelId, String reason) implements Action {}
}
