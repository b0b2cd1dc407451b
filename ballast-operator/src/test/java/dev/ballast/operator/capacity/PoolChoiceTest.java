package dev.ballast.operator.capacity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.operator.api.v1alpha1.GpuNodePool;
import dev.ballast.operator.api.v1alpha1.GpuNodePoolSpec;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PoolChoiceTest {
  static final Map<String, String> SELECTOR = Map.of("ballast.dev/pool", "h100");

  static GpuNodePool pool(String name) {
    GpuNodePool pool = new GpuNodePool();
    pool.setMetadata(new ObjectMetaBuilder().withName(name).build());
    GpuNodePoolSpec spec = new GpuNodePoolSpec();
    spec.nodeSelector.putAll(SELECTOR);
    pool.setSpec(spec);
    return pool;
  }

  static Pod waiting(String name, String created, int gpus) {
    return new PodBuilder().withNewMetadata().withName(name).withNamespace("ai").withCreationTimestamp(created).endMetadata()
        .withNewSpec().withNodeSelector(SELECTOR)
        .addNewContainer().withName("vllm").withNewResources().addToLimits("nvidia.com/gpu", new Quantity(String.valueOf(gpus))).endResources().endContainer()
        .endSpec()
        .withNewStatus().withPhase("Pending").addNewCondition().withType("PodScheduled").withStatus("False").withReason("Unschedulable").endCondition().endStatus()
        .build();
  }

  static final GpuNodePool SPOT = pool("spot");
  static final GpuNodePool ON_DEMAND = pool("on-demand");

  @Test
  void theCheapPoolKeepsThePodsItHasRoomForOldestFirstAndTheRestGoOnAtOnce() {
    Pod first = waiting("b", "2026-12-04T10:00:00Z", 8);
    Pod second = waiting("a", "2026-12-04T10:00:05Z", 8);
    PoolChoice choice = new PoolChoice(
        List.of(new PoolChoice.Candidate(ON_DEMAND, 7.5, 80), new PoolChoice.Candidate(SPOT, 3.1, 8)), List.of(second, first));
    assertThat(choice.poolFor(first)).isEqualTo("spot");
    assertThat(choice.poolFor(second)).as("the spot pool has room for one node more").isEqualTo("on-demand");
    assertThat(choice.elsewhere(second, SPOT)).isEqualTo("on-demand");
    assertThat(choice.elsewhere(second, ON_DEMAND)).isNull();
  }

  @Test
  void aSmallerPodStillTakesRoomALargerOneCouldNotUse() {
    Pod large = waiting("large", "2026-12-04T10:00:00Z", 8);
    Pod small = waiting("small", "2026-12-04T10:00:05Z", 2);
    PoolChoice choice = new PoolChoice(
        List.of(new PoolChoice.Candidate(ON_DEMAND, 7.5, 80), new PoolChoice.Candidate(SPOT, 3.1, 4)), List.of(large, small));
    assertThat(choice.poolFor(large)).isEqualTo("on-demand");
    assertThat(choice.poolFor(small)).isEqualTo("spot");
  }

  @Test
  void whereNoPoolHasRoomTheCheapestCountsThePod() {
    Pod pod = waiting("p", "2026-12-04T10:00:00Z", 8);
    PoolChoice choice = new PoolChoice(List.of(new PoolChoice.Candidate(ON_DEMAND, 7.5, 0), new PoolChoice.Candidate(SPOT, 3.1, 0)), List.of(pod));
    assertThat(choice.poolFor(pod)).isEqualTo("spot");
  }

  @Test
  void podsThatDoNotWaitOrWantNoPoolAreNotShared() {
    Pod running = new PodBuilder(waiting("r", "2026-12-04T10:00:00Z", 8)).editSpec().withNodeName("n1").endSpec().build();
    Pod elsewhere = new PodBuilder(waiting("e", "2026-12-04T10:00:00Z", 8)).editSpec().withNodeSelector(Map.of("ballast.dev/pool", "l4")).endSpec().build();
    PoolChoice choice = new PoolChoice(List.of(new PoolChoice.Candidate(SPOT, 3.1, 8)), List.of(running, elsewhere));
    assertThat(choice.poolFor(running)).isNull();
    assertThat(choice.poolFor(elsewhere)).isNull();
  }

  @Test
  void roomCountsNodesStillToAddAndNodesAWaitingPodCannotUseYet() {
    assertThat(PoolChoice.roomGpus(4, 3, 0, 8)).as("one node more, whether or not its machine is already being created").isEqualTo(8);
    assertThat(PoolChoice.roomGpus(4, 4, 1, 8)).as("at its maximum, a standby or stopped node can still be released").isEqualTo(8);
    assertThat(PoolChoice.roomGpus(2, 3, 0, 8)).as("above its maximum").isZero();
  }
}
