package dev.ballast.core.scaling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.core.capacity.LeadTimes;
import org.junit.jupiter.api.Test;

class ScaleDownHoldTest {
  static final LeadTimes LEADS = new LeadTimes(15, 70, 150, 420);

  static ReplicaPlanner.Knobs knobs(boolean stoppedTier) {
    return new ReplicaPlanner.Knobs(0.5, 1.5, 60, 60, false, false, stoppedTier, 0.02);
  }

  @Test
  void capacityThatFollowsTheLevelHoldsForTheStoppedTiersLead() {
    double level = ReplicaPlanner.levelHoldSeconds(knobs(true), LEADS, LEADS.coldSeconds());
    assertThat(level).isEqualTo(150);
    var levelRule = new BurstProfile.Need(0, 1.3, 100, true);
    assertThat(ReplicaPlanner.holdFor(levelRule, 420, level)).isEqualTo(150);
    var fallback = new BurstProfile.Need(0, 1.5, Double.NaN, false);
    assertThat(ReplicaPlanner.holdFor(fallback, 420, level)).isEqualTo(150);
  }

  @Test
  void capacityARecentNeedRuleSizesHoldsUntilNewCapacityCouldReplaceIt() {
    var needRule = new BurstProfile.Need(BurstProfile.LEVEL_TIME_CONSTANTS.length + 1, 1.1, 100, true);
    assertThat(ReplicaPlanner.holdFor(needRule, 420, 150)).isEqualTo(420);
  }

  @Test
  void withoutTheStoppedTierTheLevelHoldsForTheSupplyingTier() {
    assertThat(ReplicaPlanner.levelHoldSeconds(knobs(false), LEADS, LEADS.coldSeconds())).isEqualTo(420);
    // never shorter than the stabilization window
    assertThat(ReplicaPlanner.levelHoldSeconds(new ReplicaPlanner.Knobs(0.5, 1.5, 60, 300, false, false, true, 0.02), LEADS, 420)).isEqualTo(300);
  }
}
