package dev.ballast.core.scaling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.core.capacity.LeadTimes;
import org.junit.jupiter.api.Test;

/** Which lead time level-following and on/off capacity are judged at and held for. */
class ScaleDownHoldTest {
  static final LeadTimes LEADS = new LeadTimes(15, 70, 150, 420);

  static ReplicaPlanner.Knobs knobs(boolean stoppedTier, double stabilizationSeconds) {
    return new ReplicaPlanner.Knobs(0.5, 1.5, 60, stabilizationSeconds, false, false, stoppedTier, 0.02, null);
  }

  @Test
  void capacityThatFollowsTheLevelComesAndGoesAtTheStoppedTiersLead() {
    double lead = ReplicaPlanner.levelLeadSeconds(knobs(true, 60), LEADS, LEADS.coldSeconds());
    assertThat(lead).isEqualTo(150);
    double hold = ReplicaPlanner.holdSeconds(knobs(true, 60), lead);
    var levelRule = new BurstProfile.Need(0, 1.3, 100, true);
    assertThat(ReplicaPlanner.holdFor(levelRule, 420, hold)).isEqualTo(150);
    var fallback = new BurstProfile.Need(0, 1.5, Double.NaN, false);
    assertThat(ReplicaPlanner.holdFor(fallback, 420, hold)).isEqualTo(150);
  }

  @Test
  void capacityARecentNeedRuleSizesHoldsUntilNewCapacityCouldReplaceIt() {
    var needRule = new BurstProfile.Need(BurstProfile.LEVEL_TIME_CONSTANTS.length + 1, 1.1, 100, true);
    assertThat(ReplicaPlanner.holdFor(needRule, 420, 150)).isEqualTo(420);
  }

  @Test
  void withoutTheStoppedTierTheLevelUsesTheSupplyingTier() {
    assertThat(ReplicaPlanner.levelLeadSeconds(knobs(false, 60), LEADS, LEADS.coldSeconds())).isEqualTo(420);
    // never longer than the tier that supplies now, and the hold never shorter than the stabilization
    assertThat(ReplicaPlanner.levelLeadSeconds(knobs(true, 60), LEADS, 100)).isEqualTo(100);
    assertThat(ReplicaPlanner.holdSeconds(knobs(true, 300), ReplicaPlanner.levelLeadSeconds(knobs(true, 300), LEADS, 420))).isEqualTo(300);
  }
}
