package dev.ballast.core.placement.scorer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.core.placement.Fragmentation;
import dev.ballast.core.placement.NodeResources;
import dev.ballast.core.placement.PodShape;
import dev.ballast.core.placement.TypicalPods;
import java.util.List;
import org.junit.jupiter.api.Test;

class NextPodOutlookTest {
  static final PodShape HALF = new PodShape("half", 1000, 1024, 1, 500, "");
  static final PodShape WHOLE = new PodShape("whole", 1000, 1024, 1, 1000, "");
  static final PodShape QUARTER = new PodShape("quarter", 1000, 1024, 1, 250, "");

  /** Half-GPU and whole-GPU pods arrive equally often. */
  static final Fragmentation HALVES_AND_WHOLES =
      new Fragmentation(new TypicalPods(List.of(new TypicalPods.Entry(HALF, 0.5), new TypicalPods.Entry(WHOLE, 0.5))));

  static NodeResources node(String name, int... used) {
    NodeResources n = new NodeResources(name, "T4", 64_000, 256_000, used.length);
    for (int g = 0; g < used.length; g++) {
      if (used[g] > 0) {
        n.bind(new PodShape("u", 0, 0, 1, used[g], ""), new int[] {g});
      }
    }
    return n;
  }

  @Test
  void theOnlyGoodHomeOfACommonShapeIsWorthWhatTheNextPodWouldLose() {
    NodeResources halfUsed = node("a", 500); // a half pod fills it exactly: fragmentation drops by 250
    NodeResources fresh = node("b", 0); // a half pod here strands 500 for whole pods: +250
    NextPodOutlook outlook = new NextPodOutlook(HALVES_AND_WHOLES);
    outlook.refresh(List.of(halfUsed, fresh));

    NextPodOutlook.Move quarterOnHalfUsed = outlook.move(halfUsed, QUARTER);
    // the next half pod must go to the fresh GPU instead: +250 instead of -250, half the time
    assertThat(outlook.nextPodCost(quarterOnHalfUsed.now(), quarterOnHalfUsed.after()[0])).isEqualTo(250);
  }

  @Test
  void oneOfSeveralEqualHomesCostsNothing() {
    NodeResources halfUsed = node("a", 500);
    NodeResources alsoHalfUsed = node("c", 500);
    NextPodOutlook outlook = new NextPodOutlook(HALVES_AND_WHOLES);
    outlook.refresh(List.of(halfUsed, node("b", 0), alsoHalfUsed));

    NextPodOutlook.Move quarterOnHalfUsed = outlook.move(halfUsed, QUARTER);
    assertThat(outlook.nextPodCost(quarterOnHalfUsed.now(), quarterOnHalfUsed.after()[0])).isZero();
  }

  @Test
  void aRefreshSeesWhatWasBoundSinceAndNothingBeforeTheFirst() {
    NodeResources halfUsed = node("a", 500);
    NodeResources fresh = node("b", 0);
    NextPodOutlook outlook = new NextPodOutlook(HALVES_AND_WHOLES);
    NextPodOutlook.Move before = outlook.move(halfUsed, QUARTER);
    assertThat(outlook.nextPodCost(before.now(), before.after()[0])).as("no outlook before the first refresh").isZero();

    outlook.refresh(List.of(halfUsed, fresh));
    halfUsed.bind(HALF, new int[] {0}); // now full: the fresh GPU is the only home left for a half pod
    outlook.refresh(List.of(halfUsed, fresh));
    NextPodOutlook.Move quarterOnFresh = outlook.move(fresh, QUARTER);
    // the next half pod then lowers fragmentation by 125 (750 -> 250) instead of raising it by 250;
    // a whole pod loses its only home, which adds nothing beyond the fragmentation the move itself counts
    assertThat(outlook.nextPodCost(quarterOnFresh.now(), quarterOnFresh.after()[0])).isEqualTo(0.5 * (-125 - 250));
  }

  @Test
  void anEmptyClusterLeavesNoOutlook() {
    NextPodOutlook outlook = new NextPodOutlook(HALVES_AND_WHOLES);
    outlook.refresh(List.of(node("a", 500), node("b", 0)));
    outlook.refresh(List.of());
    NextPodOutlook.Move move = outlook.move(node("a", 500), QUARTER);
    assertThat(outlook.nextPodCost(move.now(), move.after()[0])).isZero();
  }
}
