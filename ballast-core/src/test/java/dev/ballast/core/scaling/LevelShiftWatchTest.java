package dev.ballast.core.scaling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.core.scaling.LevelShiftWatch.Change;
import org.junit.jupiter.api.Test;

class LevelShiftWatchTest {
  @Test
  void aLevelWithinTwiceTheWindowIsNoShift() {
    LevelShiftWatch w = new LevelShiftWatch();
    assertThat(w.observe(15, 19, () -> 10)).isEqualTo(Change.NONE);
    assertThat(w.observe(15, 50, () -> 0)).as("an empty window has nothing to compare with").isEqualTo(Change.NONE);
    assertThat(w.suspected()).isFalse();
  }

  @Test
  void aRiseThatFallsBackWasABurst() {
    LevelShiftWatch w = new LevelShiftWatch();
    assertThat(w.observe(15, 25, () -> 10)).isEqualTo(Change.SUSPECTED);
    assertThat(w.suspected()).isTrue();
    assertThat(w.observe(15, 30, () -> 10)).isEqualTo(Change.NONE);
    assertThat(w.observe(15, 20, () -> 10)).isEqualTo(Change.PASSED);
    assertThat(w.suspected()).isFalse();
    assertThat(w.shifts()).isZero();
  }

  @Test
  void aRiseHeldForTheConfirmationTimeIsANewRegime() {
    LevelShiftWatch w = new LevelShiftWatch();
    assertThat(w.observe(15, 50, () -> 10)).isEqualTo(Change.SUSPECTED);
    double held = 0;
    Change last = Change.NONE;
    while (last == Change.NONE) {
      last = w.observe(15, 50, () -> 10);
      held += 15;
    }
    assertThat(last).isEqualTo(Change.CONFIRMED);
    assertThat(held).isEqualTo(LevelShiftWatch.SHIFT_CONFIRM_SECONDS);
    assertThat(w.shifts()).isEqualTo(1);
    assertThat(w.suspected()).isFalse();
  }
}
