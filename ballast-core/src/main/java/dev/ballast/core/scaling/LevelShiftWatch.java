package dev.ballast.core.scaling;

import java.util.function.DoubleSupplier;

/**
 * A level shift is not a burst. When the rate level rises above {@link #SHIFT_RATIO} times any
 * level of the judged window (before the last {@link #SHIFT_CONFIRM_SECONDS}), demand is outside
 * what the burst profile has seen: until it settles, the profile answers with its fallback on the
 * level. If the level holds there for {@link #SHIFT_CONFIRM_SECONDS}, the traffic is in a new
 * regime and the intervals judged before it are dropped; if it falls back, it was a burst and
 * stays in the window. Otherwise one step up in demand would teach a factor as large as the step,
 * which the new, higher level would then keep paying for.
 */
final class LevelShiftWatch {
  /** A level this many times the highest judged level, held for {@link #SHIFT_CONFIRM_SECONDS}, is a new regime. */
  static final double SHIFT_RATIO = 2;

  static final double SHIFT_CONFIRM_SECONDS = 300;

  /** What one interval changed. */
  enum Change {
    NONE,
    /** The level rose past the window: a shift is suspected. */
    SUSPECTED,
    /** The level fell back: it was a burst. */
    PASSED,
    /** The level held: a new regime, the judged window is stale. */
    CONFIRMED
  }

  private double shiftFrom = Double.NaN;
  private double shiftSeconds;
  private int shifts;

  /**
   * One interval of {@code seconds} at {@code level}; {@code highestJudgedBefore} gives the highest
   * level of the judged window older than {@link #SHIFT_CONFIRM_SECONDS} (0 when none).
   */
  Change observe(double seconds, double level, DoubleSupplier highestJudgedBefore) {
    if (Double.isNaN(shiftFrom)) {
      double before = highestJudgedBefore.getAsDouble();
      if (before > 0 && level > SHIFT_RATIO * before) {
        shiftFrom = before;
        shiftSeconds = 0;
        return Change.SUSPECTED;
      }
      return Change.NONE;
    }
    if (level <= SHIFT_RATIO * shiftFrom) {
      shiftFrom = Double.NaN;
      return Change.PASSED;
    }
    shiftSeconds += seconds;
    if (shiftSeconds >= SHIFT_CONFIRM_SECONDS) {
      shifts++;
      shiftFrom = Double.NaN;
      return Change.CONFIRMED;
    }
    return Change.NONE;
  }

  /** True while demand is above anything the window has seen. */
  boolean suspected() {
    return !Double.isNaN(shiftFrom);
  }

  /** Level shifts confirmed so far. */
  int shifts() {
    return shifts;
  }
}
