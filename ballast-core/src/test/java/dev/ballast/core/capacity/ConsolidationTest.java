package dev.ballast.core.capacity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.core.spi.FakeCluster;
import dev.ballast.core.spi.NodeState;
import dev.ballast.core.spi.PodPhase;
import org.junit.jupiter.api.Test;

class ConsolidationTest {
  static final java.util.function.Predicate<dev.ballast.core.spi.PodView> ALL = p -> true;

  /** Two eight-GPU nodes: one with six replicas, one with {@code light} of them. */
  static FakeCluster twoNodes(int light) {
    FakeCluster c = FakeCluster.withService(0, 20).pool("h100x8", "p5.48xlarge", 10);
    c.node("full", NodeState.READY, 8, 6).node("light", NodeState.READY, 8, light);
    for (int i = 0; i < 6; i++) {
      c.pod("f" + i, "full", PodPhase.READY);
    }
    for (int i = 0; i < light; i++) {
      c.pod("l" + i, "light", PodPhase.READY);
    }
    return c;
  }

  @Test
  void anUnderUsedNodeIsEmptiedMakeBeforeBreak() {
    FakeCluster c = twoNodes(2);
    Consolidation k = new Consolidation(300, 900);
    k.update(c, 0, ALL);
    k.update(c, 299, ALL);
    assertThat(k.extra("chat")).as("under-used, but not for long enough").isZero();
    assertThat(k.emptying()).isEmpty();

    k.update(c, 300, ALL);
    assertThat(k.extra("chat")).as("both replicas of the light node get a replacement first").isEqualTo(2);
    assertThat(k.retiring("chat")).isEmpty();
    assertThat(k.reason()).contains("consolidate light: 2 of 8 GPUs in use");
    assertThat(k.emptying()).contains("light");
    assertThat(k.moving("chat")).containsExactlyInAnyOrder("l0", "l1");
    assertThat(k.moving("other")).isEmpty();

    c.pod("n0", "full", PodPhase.STARTING).pod("n1", "full", PodPhase.STARTING);
    k.update(c, 360, ALL);
    assertThat(k.extra("chat")).as("starting replacements do not serve yet").isEqualTo(2);
    assertThat(k.retiring("chat")).isEmpty();

    c.clearPods();
    for (String id : new String[] {"f0", "f1", "f2", "f3", "f4", "f5", "n0", "l0", "l1"}) {
      c.pod(id, id.startsWith("l") ? "light" : "full", PodPhase.READY);
    }
    c.pod("n1", "full", PodPhase.STARTING);
    k.update(c, 420, ALL);
    assertThat(k.extra("chat")).as("one replacement serves").isEqualTo(1);
    assertThat(k.retiring("chat")).hasSize(1).isSubsetOf("l0", "l1");

    c.clearPods();
    for (String id : new String[] {"f0", "f1", "f2", "f3", "f4", "f5", "n0", "n1", "l0"}) {
      c.pod(id, id.startsWith("l") ? "light" : "full", PodPhase.READY);
    }
    k.update(c, 480, ALL);
    assertThat(k.extra("chat")).isZero();
    assertThat(k.retiring("chat")).as("the one that went is forgotten; the other goes next").containsExactly("l0");
    assertThat(k.moving("chat")).containsExactly("l0");

    c.clearPods();
    for (String id : new String[] {"f0", "f1", "f2", "f3", "f4", "f5", "n0", "n1"}) {
      c.pod(id, "full", PodPhase.READY);
    }
    k.update(c, 540, ALL);
    assertThat(k.emptying()).as("every move done").isEmpty();
  }

  @Test
  void oneReplacementRetiresOneReplicaHoweverOftenItIsCountedAndAfterItsReplicaWent() {
    FakeCluster c = twoNodes(2);
    Consolidation k = new Consolidation(300, 900);
    k.update(c, 0, ALL);
    k.update(c, 300, ALL);
    c.pod("n0", "full", PodPhase.READY).pod("n1", "full", PodPhase.STARTING);
    k.update(c, 330, ALL);
    k.update(c, 360, ALL);
    assertThat(k.retiring("chat")).as("n0 serves for one of the two, not both").hasSize(1);
    assertThat(k.extra("chat")).isEqualTo(1);

    String gone = k.retiring("chat").iterator().next();
    c.pods.removeIf(p -> p.id().equals(gone));
    k.update(c, 390, ALL);
    assertThat(k.retiring("chat")).as("n0 stays the replacement of the replica that went").isEmpty();
    assertThat(k.extra("chat")).isEqualTo(1);

    c.pods.removeIf(p -> p.id().equals("n1"));
    c.pod("n1", "full", PodPhase.READY);
    k.update(c, 420, ALL);
    assertThat(k.retiring("chat")).as("n1 serves: the other may go").hasSize(1).doesNotContain(gone);
    assertThat(k.extra("chat")).isZero();
  }

  @Test
  void aReplicaOfTwoGpusMovesOnlyWhereTwoGpusAreFreeOnOneFullerNode() {
    for (boolean together : new boolean[] {false, true}) {
      FakeCluster c = FakeCluster.withService(0, 20).pool("h100x8", "p5.48xlarge", 10);
      c.node("a", NodeState.READY, 8, together ? 6 : 7).node("b", NodeState.READY, 8, together ? 8 : 7).node("light", NodeState.READY, 8, 2);
      c.pods.add(new dev.ballast.core.spi.PodView("big", "chat", "light", "H100-80GB", PodPhase.READY,
          dev.ballast.core.resources.ResourceRequirements.guaranteed(dev.ballast.core.resources.Resources.of(0, 0, dev.ballast.core.resources.GpuRequest.whole(2))), java.time.Instant.EPOCH));
      Consolidation k = new Consolidation(300, 900);
      k.update(c, 0, ALL);
      k.update(c, 600, ALL);
      assertThat(k.extra("chat")).as(together ? "two free GPUs on node a" : "one free GPU on each of a and b").isEqualTo(together ? 1 : 0);
    }
  }

  @Test
  void wellPackedNodesAndNodesWithoutRoomOnFullerOnesAreLeftAlone() {
    FakeCluster abovehalf = twoNodes(5);
    FakeCluster noRoom = twoNodes(3);
    noRoom.nodes.set(0, new dev.ballast.core.spi.NodeView("full", "p5.48xlarge", "h100x8", NodeState.READY, false, 8, 6, 6, java.util.Set.of(), java.time.Instant.EPOCH));
    noRoom.nodes.add(new dev.ballast.core.spi.NodeView("other", "p5.48xlarge", "h100x8", NodeState.READY, false, 8, 8, 8, java.util.Set.of(), java.time.Instant.EPOCH));
    FakeCluster oneGpuNodes = FakeCluster.withService(0, 20).node("a", NodeState.READY, 1, 1).node("b", NodeState.READY, 1, 0).pod("p", "a", PodPhase.READY);
    for (FakeCluster c : new FakeCluster[] {abovehalf, oneGpuNodes}) {
      Consolidation k = new Consolidation(300, 900);
      k.update(c, 0, ALL);
      k.update(c, 3600, ALL);
      assertThat(k.extra("chat")).isZero();
    }
    // replicas whose replacement would be of another GPU type (another pool) stay
    Consolidation other = new Consolidation(300, 900);
    FakeCluster c = twoNodes(2);
    other.update(c, 0, p -> false);
    other.update(c, 3600, p -> false);
    assertThat(other.extra("chat")).isZero();
    // three replicas on the light node, but the fuller nodes have only two free GPUs
    Consolidation k = new Consolidation(300, 900);
    k.update(noRoom, 0, ALL);
    k.update(noRoom, 3600, ALL);
    assertThat(k.extra("chat")).isZero();
  }

  @Test
  void aNodeWithAReplicaStillStartingWaitsAndAReplacementThatNeverServesIsGivenUp() {
    FakeCluster c = twoNodes(1);
    c.pod("s", "light", PodPhase.STARTING);
    Consolidation k = new Consolidation(300, 900);
    k.update(c, 0, ALL);
    k.update(c, 600, ALL);
    assertThat(k.extra("chat")).as("not while a replica there is starting").isZero();

    c = twoNodes(1);
    k.update(c, 600, ALL);
    k.update(c, 900, ALL);
    assertThat(k.extra("chat")).isEqualTo(1);
    k.update(c, 900 + 901, ALL);
    assertThat(k.extra("chat")).as("given up after the timeout").isZero();
    assertThat(k.retiring("chat")).isEmpty();
  }
}
