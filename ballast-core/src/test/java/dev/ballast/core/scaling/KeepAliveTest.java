package dev.ballast.core.scaling;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KeepAliveTest {
  @Test
  void aThinHistoryUsesTheFallbackAndSaysSo() {
    KeepAlive k = new KeepAlive(240, 10, 600);
    for (int i = 0; i < 9; i++) {
      k.idleEnded(300);
    }
    KeepAlive.Window w = k.window();
    assertThat(w.learned()).isFalse();
    assertThat(w.prewarmAfterSeconds()).isZero();
    assertThat(w.keepAliveUntilSeconds()).isEqualTo(600);
    assertThat(w.reason()).contains("fallback", "9 idle periods", "need 10");
  }

  @Test
  void aRegularIdleTimeIsLearned() {
    KeepAlive k = new KeepAlive(240, 10, 600);
    for (int i = 0; i < 50; i++) {
      k.idleEnded(30 * 60 + i % 30); // idle for 30 minutes, give or take
    }
    KeepAlive.Window w = k.window();
    assertThat(w.learned()).isTrue();
    // unloaded right after activity, pre-warmed shortly before the 30th minute, kept until just past it
    assertThat(w.prewarmAfterSeconds()).isBetween(25 * 60.0, 30 * 60.0);
    assertThat(w.keepAliveUntilSeconds()).isBetween(31 * 60.0, 35 * 60.0);
    assertThat(w.reason()).contains("learned from 50 idle periods");
  }

  @Test
  void idleTimesBeyondTheHistogramFallBack() {
    KeepAlive k = new KeepAlive(60, 10, 600);
    for (int i = 0; i < 40; i++) {
      k.idleEnded(i % 2 == 0 ? 120 : 5 * 3600); // half of them beyond an hour
    }
    KeepAlive.Window w = k.window();
    assertThat(w.learned()).isFalse();
    assertThat(w.reason()).contains("beyond 60 min");
  }

  @Test
  void spreadIdleTimesKeepWarmFromTheHeadToTheTail() {
    KeepAlive k = new KeepAlive(240, 10, 600);
    for (int i = 0; i < 100; i++) {
      k.idleEnded(60 * (1 + i % 20)); // 1 to 20 minutes
    }
    KeepAlive.Window w = k.window();
    assertThat(w.prewarmAfterSeconds()).isLessThan(2 * 60);
    assertThat(w.keepAliveUntilSeconds()).isGreaterThanOrEqualTo(20 * 60);
  }
}
