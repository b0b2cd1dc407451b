package dev.ballast.sim.baseline;

import dev.ballast.core.catalog.Catalog;
import dev.ballast.core.catalog.NodeType;
import dev.ballast.core.resources.GpuRequest;
import dev.ballast.core.spi.ClusterView;
import dev.ballast.core.spi.NodeState;
import dev.ballast.core.spi.NodeView;
import dev.ballast.core.spi.PodPhase;
import dev.ballast.core.spi.PodView;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Free whole GPUs on a set of nodes, for the node autoscalers' what-if scheduling: would these
 * pods fit on those nodes? First fit, in node order, as both upstream simulators try nodes.
 */
public final class GpuSlots {
  private final List<String> nodeIds = new ArrayList<>();
  private final List<String> gpuTypes = new ArrayList<>();
  private final List<int[]> free = new ArrayList<>();

  public void add(String nodeId, String gpuType, int freeGpus) {
    nodeIds.add(nodeId);
    gpuTypes.add(gpuType);
    free.add(new int[] {freeGpus});
  }

  public void add(NodeView node, Catalog catalog) {
    add(node.id(), gpuType(node, catalog), node.gpusFree());
  }

  /** Places the pod on the first node with room; returns the node id, or null. */
  public String place(PodView pod) {
    int gpus = gpusOf(pod);
    for (int i = 0; i < free.size(); i++) {
      if (free.get(i)[0] >= gpus && gpuTypes.get(i) != null && gpuTypes.get(i).equals(pod.gpuTypeId())) {
        free.get(i)[0] -= gpus;
        return nodeIds.get(i);
      }
    }
    return null;
  }

  public static int gpusOf(PodView pod) {
    GpuRequest g = pod.resources().requests().gpu();
    return g.deviceCount();
  }

  public static String gpuType(NodeView node, Catalog catalog) {
    NodeType t = catalog.nodeType(node.nodeTypeId());
    return t.gpu() == null ? null : t.gpu().id();
  }

  /** How many pods asking {@code gpusPerPod} GPUs fit on one empty node of this type. */
  public static int podsPerNode(NodeType type, int gpusPerPod) {
    return gpusPerPod == 0 ? Integer.MAX_VALUE : type.gpuCount() / gpusPerPod;
  }

  /** Free GPUs on {@code nodes}, in order, but for those in {@code excluded}. */
  public static GpuSlots of(List<NodeView> nodes, Collection<String> excluded, Catalog catalog) {
    GpuSlots slots = new GpuSlots();
    for (NodeView o : nodes) {
      if (!excluded.contains(o.id())) {
        slots.add(o, catalog);
      }
    }
    return slots;
  }

  /** Places every pod, in order; false as soon as one has no room. */
  public boolean placeAll(List<PodView> pods) {
    for (PodView p : pods) {
      if (place(p) == null) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code pods} would all fit on {@code nodes} other than {@code node}. */
  public static boolean fitElsewhere(NodeView node, List<PodView> pods, List<NodeView> nodes, Catalog catalog) {
    return pods.isEmpty() || of(nodes, Set.of(node.id()), catalog).placeAll(pods);
  }

  /** The pods bound to each node, those terminating left out. */
  public static Map<String, List<PodView>> podsByNode(ClusterView cluster) {
    Map<String, List<PodView>> podsOn = new HashMap<>();
    for (PodView p : cluster.pods()) {
      if (p.nodeId() != null && p.phase() != PodPhase.TERMINATING) {
        podsOn.computeIfAbsent(p.nodeId(), k -> new ArrayList<>()).add(p);
      }
    }
    return podsOn;
  }

  /** Nodes per pool that exist and are not being removed. */
  public static Map<String, Long> poolSizes(ClusterView cluster) {
    Map<String, Long> sizes = new HashMap<>();
    for (NodeView n : cluster.nodes()) {
      if (n.state() != NodeState.GONE && n.state() != NodeState.DRAINING) {
        sizes.merge(n.poolId(), 1L, Long::sum);
      }
    }
    return sizes;
  }
}
