package dev.ballast.sim.baseline.clairvoyant;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.sim.experiment.SurgeExperiment;
import dev.ballast.sim.scenario.SettingsCatalog;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClairvoyantPolicyTest {
  @Test
  void eachWindowHoldsTheBusiestNeedFromItToALeadTimeAhead() {
    assertThat(ClairvoyantPolicy.aheadMax(new int[] {1, 0, 5, 0, 0, 2, 0}, 2)).containsExactly(5, 5, 5, 2, 2, 2, 0);
    assertThat(ClairvoyantPolicy.aheadMax(new int[] {3, 1}, 0)).containsExactly(3, 1);
    assertThat(ClairvoyantPolicy.aheadMax(new int[0], 4)).isEmpty();
  }

  @Test
  void aStepItReadsAheadIsServedWhenItComesWhileBallastMustWaitForNewNodes() {
    // 20 -> 60 req/s within 10 s after 40 minutes: the reference orders the capacity a cold start early
    SurgeExperiment.Shape shape = new SurgeExperiment.Shape(20, 3, 10, 2400, 900);
    List<SurgeExperiment.Response> r =
        SurgeExperiment.run(shape, List.of("ballast", "clairvoyant+karpenter"), 1, SettingsCatalog.defaults().with(Map.of()), 2);
    SurgeExperiment.Response ballast = r.get(0);
    SurgeExperiment.Response clairvoyant = r.get(1);
    assertThat(clairvoyant.policy()).isEqualTo("clairvoyant+karpenter");
    assertThat(clairvoyant.p95Seconds()).isLessThan(60);
    assertThat(ballast.p95Seconds()).isGreaterThan(120); // no autoscaler sees the step coming
    assertThat(clairvoyant.sloAfterStep()).isGreaterThan(ballast.sloAfterStep());
  }
}
