package dev.ballast.core.scaling;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ScaleDownGuardTest {
  @Test
  void raisingIsImmediate() {
    ScaleDownGuard g = new ScaleDownGuard(300);
    assertThat(g.apply(0, 5, 5, 50, 10, 0.1)).isEqualTo(5);
    assertThat(g.apply(5, 9, 5, 90, 10, 0.1)).isEqualTo(9);
  }

  @Test
  void aLowerTargetWaitsForAFullWindowAndThenTakesTheHighestItSaw() {
    ScaleDownGuard g = new ScaleDownGuard(300);
    g.apply(0, 10, 10, 100, 10, 0.1);
    assertThat(g.apply(100, 4, 10, 10, 10, 0.1)).isEqualTo(10);
    assertThat(g.apply(200, 6, 10, 10, 10, 0.1)).isEqualTo(10);
    // the window has passed since the guard began; 10 is still inside it (t=0 is 310 s old: gone)
    assertThat(g.apply(310, 4, 10, 10, 10, 0.1)).isEqualTo(6);
    assertThat(g.apply(520, 4, 6, 10, 10, 0.1)).isEqualTo(4);
  }

  @Test
  void survivorsMustAbsorbTheLoadWithAMargin() {
    ScaleDownGuard g = new ScaleDownGuard(0);
    g.apply(0, 10, 10, 95, 10, 0.1);
    // demand 85 req/s at 10 req/s per replica with a 10 % margin: 9 replicas carry only 81
    assertThat(g.apply(10, 8, 10, 85, 10, 0.1)).isEqualTo(10);
    assertThat(g.apply(20, 8, 10, 70, 10, 0.1)).isEqualTo(8);
  }

  @Test
  void noOscillationAroundABoundary() {
    ScaleDownGuard g = new ScaleDownGuard(60);
    int previous = g.apply(0, 5, 5, 48, 10, 0.1);
    int changes = 0;
    for (int t = 5; t < 3600; t += 5) {
      int proposed = (t / 5) % 2 == 0 ? 5 : 4; // the sizing flips between 4 and 5 every tick
      int applied = g.apply(t, proposed, previous, 45, 10, 0.1);
      if (applied != previous) {
        changes++;
      }
      previous = applied;
    }
    assertThat(changes).isZero();
  }

  @Test
  void aLongerHoldThanTheWindowIsHonoured() {
    ScaleDownGuard g = new ScaleDownGuard(60);
    g.apply(0, 10, 10, 10, 10, 0);
    assertThat(g.apply(200, 2, 10, 10, 10, 0, 400)).isEqualTo(10);
    assertThat(g.apply(450, 2, 10, 10, 10, 0, 400)).isEqualTo(2);
  }
}
