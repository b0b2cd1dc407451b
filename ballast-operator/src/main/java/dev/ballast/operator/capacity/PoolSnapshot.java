package dev.ballast.operator.capacity;

import dev.ballast.core.catalog.Catalog;
import dev.ballast.core.catalog.NodeType;
import dev.ballast.core.resources.GpuRequest;
import dev.ballast.core.resources.ResourceRequirements;
import dev.ballast.core.resources.Resources;
import dev.ballast.core.spi.ClusterSnapshot;
import dev.ballast.core.spi.ClusterView;
import dev.ballast.core.spi.NodePool;
import dev.ballast.core.spi.NodeState;
import dev.ballast.core.spi.NodeView;
import dev.ballast.core.spi.PodPhase;
import dev.ballast.core.spi.PodView;
import dev.ballast.operator.GpuAnnotations;
import dev.ballast.operator.api.v1alpha1.GpuNodePool;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.readiness.Readiness;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One pool as {@code ballast-core} sees it, built from Kubernetes objects: its nodes with their
 * tier (the standby taint, the stopped annotation, readiness), the GPUs their pods hold, and the
 * unschedulable pods that ask for the pool's GPUs.
 */
public record PoolSnapshot(ClusterView view, Map<String, Node> nodes, int unschedulableGpus, Map<String, Integer> gpusLeftToOtherPools) {
  public static final String STANDBY_TAINT = "ballast.dev/standby";
  public static final String STOPPED_ANNOTATION = "ballast.dev/stopped";
  public static final String REMOVING_ANNOTATION = "ballast.dev/removing";
  public static final String CACHED_MODELS_ANNOTATION = "ballast.dev/cached-models";
  public static final String GPU_RESOURCE = GpuAnnotations.NVIDIA_GPU;

  /**
   * The nodes and pods the reconciler observed, turned into the core's view of this one pool.
   * Waiting pods that the cross-pool choice gives another pool are left to it ({@code choice}), and
   * counted in {@code gpusLeftToOtherPools} by that pool's name.
   */
  public static PoolSnapshot of(GpuNodePool pool, NodeType type, Catalog catalog, List<Node> poolNodes, List<Pod> pods, int provisioning, Instant now,
      PoolChoice choice) {
    String poolId = pool.getMetadata().getName();
    Map<String, Node> byName = new LinkedHashMap<>();
    poolNodes.forEach(n -> byName.put(n.getMetadata().getName(), n));
    Map<String, int[]> held = new LinkedHashMap<>(); // node -> {gpus, pods}
    List<PodView> podViews = new ArrayList<>();
    int unschedulable = 0;
    Map<String, Integer> elsewhere = new java.util.TreeMap<>();
    for (Pod p : pods) {
      int gpus = gpuRequest(p);
      if (gpus == 0 || finished(p)) {
        continue;
      }
      String nodeName = p.getSpec().getNodeName();
      if (nodeName != null && byName.containsKey(nodeName)) {
        int[] h = held.computeIfAbsent(nodeName, k -> new int[2]);
        h[0] += gpus;
        h[1]++;
      } else if (waiting(p) && wantsPool(p, pool)) {
        String other = choice.elsewhere(p, pool);
        if (other != null) {
          elsewhere.merge(other, gpus, Integer::sum);
          continue;
        }
        unschedulable += gpus;
        podViews.add(new PodView(p.getMetadata().getNamespace() + "/" + p.getMetadata().getName(), "pool/" + poolId, null, type.gpu().id(), PodPhase.PENDING,
            ResourceRequirements.guaranteed(Resources.of(0, 0, new GpuRequest.Whole(gpus))), now));
      }
    }
    List<NodeView> nodeViews = new ArrayList<>();
    for (Node n : poolNodes) {
      String name = n.getMetadata().getName();
      int[] h = held.getOrDefault(name, new int[2]);
      nodeViews.add(new NodeView(name, type.id(), poolId, state(n), standby(n), gpuCapacity(n, type), h[0], h[1], cachedModels(n), since(n, now)));
    }
    for (int i = 0; i < provisioning; i++) {
      nodeViews.add(new NodeView("provisioning-" + i, type.id(), poolId, NodeState.PROVISIONING, false, type.gpuCount(), 0, 0, Set.of(), now));
    }
    NodePool nodePool = new NodePool(poolId, type.id(), pool.getSpec().minNodes, pool.getSpec().maxNodes);
    ClusterView view = new ClusterSnapshot(nodeViews, podViews, List.of(), List.of(nodePool), catalog);
    return new PoolSnapshot(view, byName, unschedulable, Map.copyOf(elsewhere));
  }

  /** Whole GPUs a pod asks for (fractions placed by Ballast count as the devices they touch). */
  static int gpuRequest(Pod p) {
    int gpus = 0;
    for (var c : p.getSpec().getContainers()) {
      Quantity q = c.getResources() == null || c.getResources().getLimits() == null ? null : c.getResources().getLimits().get(GPU_RESOURCE);
      if (q == null && c.getResources() != null && c.getResources().getRequests() != null) {
        q = c.getResources().getRequests().get(GPU_RESOURCE);
      }
      if (q != null) {
        gpus += q.getNumericalAmount().intValue();
      }
    }
    if (gpus == 0 && p.getMetadata().getAnnotations() != null && p.getMetadata().getAnnotations().containsKey(GpuAnnotations.MILLI)) {
      gpus = 1;
    }
    return gpus;
  }

  private static boolean finished(Pod p) {
    String phase = p.getStatus() == null ? null : p.getStatus().getPhase();
    return "Succeeded".equals(phase) || "Failed".equals(phase);
  }

  /** A pod that asks for GPUs and waits for a node: unbound, not finished, and found unschedulable. */
  static boolean waiting(Pod p) {
    return p.getSpec().getNodeName() == null && gpuRequest(p) > 0 && !finished(p) && unschedulable(p);
  }

  /** The scheduler found no node for it: condition PodScheduled=False, reason Unschedulable. */
  static boolean unschedulable(Pod p) {
    return p.getStatus() != null && p.getStatus().getConditions() != null && p.getStatus().getConditions().stream()
        .anyMatch(c -> "PodScheduled".equals(c.getType()) && "False".equals(c.getStatus()) && "Unschedulable".equals(c.getReason()));
  }

  /** A pod wants this pool when every label its nodeSelector names is the pool's (and it names one). */
  static boolean wantsPool(Pod p, GpuNodePool pool) {
    Map<String, String> sel = p.getSpec().getNodeSelector();
    Map<String, String> mine = pool.getSpec().nodeSelector;
    return sel != null && !sel.isEmpty() && mine != null && sel.entrySet().stream().allMatch(e -> e.getValue().equals(mine.get(e.getKey())));
  }

  public static NodeState state(Node n) {
    Map<String, String> ann = n.getMetadata().getAnnotations() == null ? Map.of() : n.getMetadata().getAnnotations();
    if ("true".equals(ann.get(STOPPED_ANNOTATION))) {
      return NodeState.STOPPED;
    }
    if ("true".equals(ann.get(REMOVING_ANNOTATION))) {
      return NodeState.DRAINING;
    }
    return Readiness.isNodeReady(n) ? NodeState.READY : NodeState.PROVISIONING;
  }

  public static boolean standby(Node n) {
    return n.getSpec() != null && n.getSpec().getTaints() != null && n.getSpec().getTaints().stream().anyMatch(t -> STANDBY_TAINT.equals(t.getKey()));
  }

  static int gpuCapacity(Node n, NodeType type) {
    Integer reported = reportedGpus(n);
    return reported == null ? type.gpuCount() : reported;
  }

  /** GPUs the node's device plugin reports, or null before it has. */
  public static Integer reportedGpus(Node n) {
    Quantity q = n.getStatus() == null || n.getStatus().getCapacity() == null ? null : n.getStatus().getCapacity().get(GPU_RESOURCE);
    return q == null ? null : q.getNumericalAmount().intValue();
  }

  public static Set<String> cachedModels(Node n) {
    String v = n.getMetadata().getAnnotations() == null ? null : n.getMetadata().getAnnotations().get(CACHED_MODELS_ANNOTATION);
    return v == null || v.isBlank() ? Set.of() : Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
  }

  static Instant since(Node n, Instant now) {
    try {
      return n.getMetadata().getCreationTimestamp() == null ? now : Instant.parse(n.getMetadata().getCreationTimestamp());
    } catch (RuntimeException e) {
      return now;
    }
  }
}
