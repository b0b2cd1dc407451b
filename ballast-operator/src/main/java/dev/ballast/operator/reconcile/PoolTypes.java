package dev.ballast.operator.reconcile;

import dev.ballast.core.catalog.Catalog;
import dev.ballast.core.catalog.GpuProducts;
import dev.ballast.core.catalog.NodeType;
import dev.ballast.core.spi.NodeState;
import dev.ballast.operator.api.v1alpha1.GpuNodePool;
import dev.ballast.operator.api.v1alpha1.GpuNodePoolSpec;
import dev.ballast.operator.capacity.PoolChoice;
import dev.ballast.operator.capacity.PoolSnapshot;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;

/** What a GpuNodePool's nodes are (their node type from the catalog), and how it compares with the other pools for a waiting pod. */
final class PoolTypes {
  private PoolTypes() {}

  /**
   * Every pool as the cross-pool choice sees it, with the pods it shares out: its price per
   * GPU-hour and the GPUs it can still offer ({@link PoolChoice#roomGpus}). A pool whose node type
   * cannot be resolved is left out.
   */
  static PoolChoice choice(KubernetesClient client, ClusterReads reads, Catalog catalog, GpuNodePool self, NodeType selfType, List<Node> selfNodes, List<Pod> pods) {
    List<PoolChoice.Candidate> candidates = new ArrayList<>();
    candidates.add(candidate(self, selfType, selfNodes));
    for (GpuNodePool other : client.resources(GpuNodePool.class).list().getItems()) {
      if (other.getMetadata().getName().equals(self.getMetadata().getName()) || other.getSpec() == null) {
        continue;
      }
      List<Node> otherNodes = reads.nodes(other.getSpec().nodeSelector);
      try {
        candidates.add(candidate(other, nodeType(catalog, other.getSpec(), otherNodes), otherNodes));
      } catch (IllegalArgumentException e) {
        // its own reconcile reports the unknown node type
      }
    }
    return new PoolChoice(candidates, pods);
  }

  private static PoolChoice.Candidate candidate(GpuNodePool pool, NodeType type, List<Node> nodes) {
    double perGpuHour = pool.getSpec().pricePerHour != null ? pool.getSpec().pricePerHour / Math.max(1, type.gpuCount()) : type.usdPerGpuSecond() * 3600;
    int live = 0;
    int arriving = 0;
    for (Node n : nodes) {
      NodeState state = PoolSnapshot.state(n);
      if (state != NodeState.DRAINING) {
        live++;
        arriving += state != NodeState.READY || PoolSnapshot.standby(n) ? 1 : 0;
      }
    }
    return new PoolChoice.Candidate(pool, perGpuHour, PoolChoice.roomGpus(pool.getSpec().maxNodes, live, arriving, type.gpuCount()));
  }

  /**
   * The pool's node type: named, else the catalog's type with the pool's GPU and the count its
   * nodes report. The GPU type may be a catalog id or NVIDIA's product label.
   */
  static NodeType nodeType(Catalog catalog, GpuNodePoolSpec spec, List<Node> nodes) {
    String gpu = GpuProducts.catalogId(spec.gpuType);
    if (spec.nodeType != null) {
      NodeType t = catalog.nodeType(spec.nodeType);
      if (t.gpu() == null || !t.gpu().id().equals(gpu)) {
        throw new IllegalArgumentException("nodeType " + spec.nodeType + " carries " + (t.gpu() == null ? "no GPU" : t.gpu().id()) + ", not " + gpu);
      }
      return t;
    }
    catalog.gpu(gpu);
    Integer count = nodes.stream().map(PoolSnapshot::reportedGpus).filter(java.util.Objects::nonNull).findFirst().orElse(null);
    return catalog.nodeTypes().values().stream()
        .filter(t -> t.gpu() != null && t.gpu().id().equals(gpu) && (count == null || t.gpuCount() == count))
        .min(java.util.Comparator.comparingDouble(NodeType::usdPerGpuSecond).thenComparing(NodeType::id))
        .orElseThrow(() -> new IllegalArgumentException("the catalog has no node type with " + (count == null ? "" : count + " x ") + gpu + "; name one in spec.nodeType"));
  }

}
