package dev.ballast.core.scaling;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SloFeedbackTest {
  @Test
  void aShortfallRaisesTheCorrectionQuicklyAndItEasesBackSlowlyToItsFloor() {
    SloFeedback f = new SloFeedback(1, 3, 0.05, 0.03);
    double raised = f.update(0.97, 0.99, 1000, 200); // 2 miss budgets short
    assertThat(raised).isCloseTo(Math.exp(0.1), org.assertj.core.api.Assertions.within(1e-9));
    double eased = f.update(0.999, 0.99, 1000, 200);
    assertThat(eased).isLessThan(raised).isGreaterThan(1);
    for (int i = 0; i < 100; i++) {
      f.update(1.0, 0.99, 1000, 200);
    }
    assertThat(f.correction()).isEqualTo(1);
  }

  @Test
  void itStaysWithinItsBoundsAndIgnoresThinWindows() {
    SloFeedback f = new SloFeedback(1, 3, 0.05, 0.03);
    assertThat(f.update(0, 0.99, 50, 200)).isEqualTo(1); // 50 requests prove nothing
    for (int i = 0; i < 100; i++) {
      f.update(0, 0.99, 1000, 200);
    }
    assertThat(f.correction()).isEqualTo(3);
  }

  @Test
  void attainmentJustAboveTargetHoldsTheCorrection() {
    SloFeedback f = new SloFeedback(1, 3, 0.05, 0.03);
    f.update(0.98, 0.99, 1000, 200);
    double held = f.correction();
    f.update(0.992, 0.99, 1000, 200); // above target but within half a miss budget
    assertThat(f.correction()).isEqualTo(held);
  }
}
