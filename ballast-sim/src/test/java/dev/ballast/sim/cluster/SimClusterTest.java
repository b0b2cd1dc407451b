package dev.ballast.sim.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ballast.core.catalog.Catalog;
import dev.ballast.core.catalog.DefaultCatalog;
import dev.ballast.core.catalog.NodeType;
import dev.ballast.core.service.ServiceSpec;
import dev.ballast.core.service.Slo;
import dev.ballast.core.spi.NodePool;
import dev.ballast.core.spi.NodeState;
import dev.ballast.core.spi.PodPhase;
import dev.ballast.sim.engine.EventKind;
import dev.ballast.sim.engine.EventQueue;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class SimClusterTest implements ClusterHost {
  final EventQueue queue = new EventQueue();
  final SplittableRandom random = new SplittableRandom(1);
  final List<SimPod> ready = new ArrayList<>();
  final Catalog catalog = DefaultCatalog.get();
  final SimCluster cluster = cluster("h100", "p5.4xlarge");
  double now;

  /** One chat service on one pool of {@code nodeType}, placed as kube-scheduler would. */
  SimCluster cluster(String pool, String nodeType) {
    return cluster(pool, nodeType, PodPlacement.KUBE_DEFAULT);
  }

  SimCluster cluster(String pool, String nodeType, PodPlacement placement) {
    return new SimCluster(
        catalog,
        List.of(new ServiceSpec("chat", "llama-3.1-8b", Slo.interactiveDefault(), 0, 10)),
        List.of(new NodePool(pool, nodeType, 0, 10)),
        this,
        placement,
        30);
  }

  @Override
  public long schedule(double time, long payload) {
    return queue.push(time, payload);
  }

  @Override
  public RandomGenerator random() {
    return random;
  }

  @Override
  public void podReady(SimPod pod, double t) {
    ready.add(pod);
  }

  @Override
  public void podTerminating(SimPod pod, double t) {}

  @Override
  public void podGraceOver(SimPod pod, double t) {}

  @Override
  public void podSleeping(SimPod pod, double t) {}

  void runUntil(double t) {
    while (!queue.isEmpty() && queue.peekTime() <= t) {
      now = queue.peekTime();
      long seq = queue.peekSeq();
      long payload = queue.peekPayload();
      queue.pop();
      int target = EventKind.target(payload);
      switch (EventKind.of(payload)) {
        case NODE_READY -> cluster.nodeReady(target, seq, now);
        case POD_READY -> cluster.podReady(target, seq, now);
        case NODE_PREFETCHED -> cluster.nodePrefetched(target, seq, now);
        case POD_GRACE_END -> cluster.podGraceEnd(target, seq, now);
        default -> throw new IllegalStateException();
      }
    }
    now = t;
  }

  @Test
  void aPodOnAColdNodePullsEverythingAndAWarmNodeSkipsThePulls() {
    SimNode node = cluster.addNode("h100", 0, false, null);
    SimPod pod = cluster.createPod(0, "H100-80GB", 0);
    assertThat(pod.phase()).isEqualTo(PodPhase.PENDING);
    runUntil(1e6);
    assertThat(pod.phase()).isEqualTo(PodPhase.READY);
    assertThat(pod.startup().imagePull()).isPositive();
    assertThat(pod.startup().weightsFetch()).isPositive();
    assertThat(node.caches("llama-3.1-8b")).isTrue();

    cluster.terminate(pod, now);
    cluster.podDrained(pod, now);
    SimPod again = cluster.createPod(0, "H100-80GB", now);
    runUntil(now + 1e6);
    assertThat(again.startup().imagePull()).isZero();
    assertThat(again.startup().weightsFetch()).isZero();
    assertThat(again.startup().total() - again.startup().engineInit())
        .isLessThan(pod.startup().total() - pod.startup().engineInit() - 150);
  }

  @Test
  void podsStartingTogetherOnANodeShareItsImagePullAndWeightFetch() {
    SimCluster eight = cluster("h100x8", "p5.48xlarge");
    eight.addNode("h100x8", 0, true, null);
    SimPod first = eight.createPod(0, "H100-80GB", 0);
    double imageDone = first.boundAt + first.startup().scheduling() + first.startup().imagePull();
    double weightsDone = imageDone + first.startup().weightsFetch();
    assertThat(first.startup().imagePull()).isGreaterThan(100);

    // a minute later the image is still being pulled: the second pod waits for that pull, not a new one
    SimPod second = eight.createPod(0, "H100-80GB", 60);
    assertThat(second.boundAt + second.startup().scheduling() + second.startup().imagePull()).isCloseTo(imageDone, within(1e-9));
    assertThat(second.startup().imagePull()).isLessThan(first.startup().imagePull() - 59);
    assertThat(second.boundAt + second.startup().scheduling() + second.startup().imagePull() + second.startup().weightsFetch())
        .isCloseTo(weightsDone, within(1e-9));

    // once the image is there and the weights are still coming, only the rest of the fetch is waited for
    double during = imageDone + first.startup().weightsFetch() / 2;
    SimPod third = eight.createPod(0, "H100-80GB", during);
    assertThat(third.startup().imagePull()).isZero();
    assertThat(third.boundAt + third.startup().scheduling() + third.startup().weightsFetch()).isCloseTo(Math.max(weightsDone, during + 1), within(1e-9));
  }

  @Test
  void kubeSchedulerSpreadsReplicasAndBallastsExtenderPacksThem() {
    for (PodPlacement placement : List.of(PodPlacement.KUBE_DEFAULT, PodPlacement.BALLAST)) {
      SimCluster eight = cluster("h100x8", "p5.48xlarge", placement);
      SimNode fuller = eight.addNode("h100x8", 0, true, null);
      SimNode emptier = eight.addNode("h100x8", 0, true, null);
      for (int i = 0; i < 3; i++) {
        assertThat(eight.createPod(0, "H100-80GB", 0).node).isSameAs(placement == PodPlacement.BALLAST ? fuller : i % 2 == 0 ? fuller : emptier);
      }
      // kube-scheduler's LeastAllocated alternates between the nodes; packing keeps filling one
      SimPod next = eight.createPod(0, "H100-80GB", 0);
      assertThat(next.node).isSameAs(placement == PodPlacement.BALLAST ? fuller : emptier);
    }
  }

  @Test
  void billingFollowsTheNodeStateAndStoppedNodesPayForTheirDiskOnly() {
    NodeType type = catalog.nodeType("p5.4xlarge");
    SimNode node = cluster.addNode("h100", 0, true, null);
    assertThat(cluster.stopNode(node, 3600)).isNull();
    assertThat(node.state()).isEqualTo(NodeState.STOPPED);
    double afterRunning = node.costUsd(3600);
    assertThat(afterRunning).isCloseTo(type.pricePerHour().usdPerHour(), within(1e-9));
    assertThat(node.costUsd(7200) - afterRunning).isCloseTo(type.stoppedUsdPerSecond() * 3600, within(1e-9));
    assertThat(cluster.startNode(node, 7200)).isNull();
    runUntil(1e5);
    assertThat(node.state()).isEqualTo(NodeState.READY);
    assertThat(node.gpuSecondsPaid(now)).isCloseTo(now - 3600, within(1e-6));
    assertThat(cluster.removeNode(node, now)).isNull();
    double gone = cluster.costUsd(now);
    assertThat(cluster.costUsd(now + 1000)).isEqualTo(gone);
  }

  @Test
  void onlyAnEmptyReadyNodeMayStopOrStandBy() {
    SimNode node = cluster.addNode("h100", 0, true, null);
    cluster.createPod(0, "H100-80GB", 0);
    assertThat(cluster.stopNode(node, 1)).contains("only an empty ready node");
    assertThat(cluster.setStandby(node, true, "llama-3.1-8b", 1, 10)).contains("empty node");
  }

  @Test
  void aStandbyNodeTakesNoPodsUntilReleasedAndPrefetchesItsModel() {
    SimNode node = cluster.addNode("h100", 0, true, null);
    assertThat(cluster.setStandby(node, true, "llama-3.1-8b", 0, 100)).isNull();
    SimPod pod = cluster.createPod(0, "H100-80GB", 1);
    assertThat(pod.phase()).isEqualTo(PodPhase.PENDING);
    runUntil(200);
    assertThat(node.caches("llama-3.1-8b")).isTrue();
    cluster.setStandby(node, false, null, 200, 0);
    assertThat(pod.phase()).isEqualTo(PodPhase.STARTING);
    assertThat(pod.startup().imagePull()).isZero();
  }

  @Test
  void drainingANodeReplacesItsPodsAsAReplicaSetWould() {
    SimNode a = cluster.addNode("h100", 0, true, null);
    cluster.createPod(0, "H100-80GB", 0);
    runUntil(1e5);
    assertThat(ready).hasSize(1);
    cluster.removeNode(a, now);
    assertThat(cluster.livePods(0)).anyMatch(p -> p.phase() == PodPhase.PENDING);
  }
}
