package dev.ballast.operator.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.core.capacity.Consolidation;
import dev.ballast.core.catalog.Catalog;
import dev.ballast.core.catalog.DefaultCatalog;
import dev.ballast.core.service.ServiceSpec;
import dev.ballast.core.spi.ClusterView;
import dev.ballast.core.spi.NodePool;
import dev.ballast.core.spi.NodeView;
import dev.ballast.core.spi.PodPhase;
import dev.ballast.core.spi.PodView;
import dev.ballast.operator.api.v1alpha1.GpuNodePool;
import dev.ballast.operator.api.v1alpha1.GpuNodePoolSpec;
import dev.ballast.operator.capacity.NodeConsolidation;
import dev.ballast.operator.capacity.PoolChoice;
import dev.ballast.operator.capacity.PoolSnapshot;
import dev.ballast.sim.cluster.PodPlacement;
import dev.ballast.sim.cluster.SimCluster;
import dev.ballast.sim.engine.VirtualClock;
import dev.ballast.sim.run.TwinSnapshot;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;

/**
 * The same replicas on the same eight-GPU nodes, seen by the twin ({@link TwinSnapshot} of its
 * simulated cluster) and by the operator (Nodes and Pods as the API gives them, through {@link
 * PoolSnapshot} and {@link NodeConsolidation}), must lead the core's consolidation to the same
 * node and the same replicas to add: the twin's figures on eight-GPU nodes are then what the
 * operator would do.
 */
class ConsolidationContractTest {
  static final String POOL = "h100x8";
  static final Map<String, String> SELECTOR = Map.of("ballast.dev/pool", POOL);

  @Property(tries = 40)
  void theTwinAndTheOperatorEmptyTheSameNodeForTheSameReplicas(@ForAll @Size(min = 2, max = 4) List<@IntRange(min = 0, max = 8) Integer> replicasPerNewNode) {
    Catalog catalog = DefaultCatalog.get();
    ServiceSpec svc = new ServiceSpec("service", "llama-3.1-8b", new dev.ballast.core.service.Slo(Duration.ofSeconds(2), 0.99), 1, 200, List.of("H100-80GB"));
    SimCluster cluster = new SimCluster(catalog, List.of(svc), List.of(new NodePool(POOL, "p5.48xlarge", 0, 100)), new TwinOperatorContractTest.StillHost(),
        PodPlacement.KUBE_DEFAULT, 30);
    for (int count : replicasPerNewNode) { // each new node, then replicas that kube-scheduler's spreading places
      cluster.addNode(POOL, 0, true, svc.modelId());
      for (int i = 0; i < count; i++) {
        cluster.createPod(0, "H100-80GB", 0, true);
      }
    }
    VirtualClock clock = new VirtualClock(Instant.parse("2026-11-27T12:00:00Z"));
    ClusterView twin = new TwinSnapshot(cluster, clock);

    // the operator's view of the same: a Node per twin node, a Pod of Deployment "llama" per replica
    List<Node> nodes = new ArrayList<>();
    for (NodeView n : twin.nodes()) {
      nodes.add(new NodeBuilder().withNewMetadata().withName(n.id()).withLabels(SELECTOR).withCreationTimestamp("2026-11-27T11:00:00Z").endMetadata()
          .withNewSpec().endSpec()
          .withNewStatus().addToCapacity("nvidia.com/gpu", new Quantity(String.valueOf(n.gpuCount()))).addNewCondition().withType("Ready").withStatus("True").endCondition().endStatus()
          .build());
    }
    List<Pod> pods = new ArrayList<>();
    for (PodView p : twin.pods()) {
      pods.add(new PodBuilder().withNewMetadata().withName(p.id()).withNamespace("ai").addToLabels("pod-template-hash", "7d9f")
          .addNewOwnerReference().withApiVersion("apps/v1").withKind("ReplicaSet").withName("llama-7d9f").withUid("rs").withController(true).endOwnerReference().endMetadata()
          .withNewSpec().withNodeName(p.nodeId()).withNodeSelector(SELECTOR)
          .addNewContainer().withName("vllm").withImage("vllm/vllm-openai").withNewResources().addToLimits("nvidia.com/gpu", new Quantity("1")).endResources().endContainer().endSpec()
          .withNewStatus().withPhase("Running").addNewCondition().withType("Ready").withStatus(p.phase() == PodPhase.READY ? "True" : "False").endCondition().endStatus()
          .build());
    }
    GpuNodePoolSpec spec = new GpuNodePoolSpec();
    spec.gpuType = "H100-80GB";
    spec.nodeType = "p5.48xlarge";
    spec.nodeSelector.putAll(SELECTOR);
    spec.maxNodes = 100;
    GpuNodePool pool = new GpuNodePool();
    pool.setMetadata(new ObjectMetaBuilder().withName(POOL).build());
    pool.setSpec(spec);
    NodeConsolidation operator = new NodeConsolidation();
    operator.register("ai/llama", new NodeConsolidation.Scaled("ai", "llama", "H100-80GB", true));
    Consolidation inTwin = new Consolidation(300, Consolidation.TIMEOUT_SECONDS);

    List<String> disagreements = new ArrayList<>();
    boolean moved = false;
    for (int t = 0; t <= 600; t += 60) {
      Instant now = clock.instant().plusSeconds(t);
      PoolSnapshot snapshot = PoolSnapshot.of(pool, catalog.nodeType("p5.48xlarge"), catalog, nodes, pods, 0, now, new PoolChoice(List.of(), List.of()));
      String opNode = operator.update(POOL, 300, snapshot.view(), pods, now).map(NodeConsolidation.Emptying::nodeId).orElse(null);
      inTwin.update(twin, t, p -> true);
      String twinNode = inTwin.emptying().orElse(null);
      int opExtra = operator.extra("ai/llama");
      int twinExtra = inTwin.extra("service");
      moved |= twinNode != null;
      if (!java.util.Objects.equals(opNode, twinNode) || opExtra != twinExtra) {
        disagreements.add("t=" + t + ": twin empties " + twinNode + " (+" + twinExtra + "), operator " + opNode + " (+" + opExtra + ")");
      }
    }
    Statistics.label("a node was emptied").collect(moved);
    Statistics.label("a node was emptied").coverage(c -> c.check(true).percentage(p -> p >= 20));
    assertThat(disagreements).as("layout %s", twin.nodes().stream().map(n -> n.id() + ":" + n.gpusAllocated()).toList()).isEmpty();
  }
}
