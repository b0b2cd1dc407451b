package dev.ballast.core.scaling;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;

/**
 * The costed keep-alive answers its price as an optimum must: a dearer cold start never buys more
 * cold starts, nor less GPU time held warm, over the idle times it was learned from.
 */
class KeepAliveProperties {
  private static final int MINUTES = 240;

  /** Idle periods (seconds): a mix of short gaps, regular ones and long silences. */
  @Provide
  Arbitrary<List<Double>> idleTimes() {
    return Arbitraries.oneOf(Arbitraries.doubles().between(5, 300), Arbitraries.doubles().between(600, 2400), Arbitraries.doubles().between(3600, 14_000))
        .list()
        .ofMinSize(10)
        .ofMaxSize(120);
  }

  @Property(tries = 200)
  void aDearerColdStartNeverBuysMoreColdStartsNorLessWarmTime(
      @ForAll("idleTimes") List<Double> gaps,
      @ForAll @DoubleRange(min = 15, max = 600) double lead,
      @ForAll @DoubleRange(min = 0, max = 3000) double worth,
      @ForAll @DoubleRange(min = 1, max = 3000) double more) {
    KeepAlive k = new KeepAlive(MINUTES, 10, 600);
    gaps.forEach(k::idleEnded);
    KeepAlive.Window cheap = k.window(lead, worth);
    KeepAlive.Window dear = k.window(lead, worth + more);
    assertThat(coldStarts(dear, gaps)).as("%s then %s", cheap.reason(), dear.reason()).isLessThanOrEqualTo(coldStarts(cheap, gaps));
    assertThat(heldSeconds(dear, gaps, lead)).as("%s then %s", cheap.reason(), dear.reason()).isGreaterThanOrEqualTo(heldSeconds(cheap, gaps, lead) - 1e-6);
  }

  /** Idle periods the window meets cold, in the window's own model: those in the minutes [keep, ready). */
  private static int coldStarts(KeepAlive.Window w, List<Double> gaps) {
    int cold = 0;
    for (double gap : gaps) {
      int minute = (int) Math.floor(gap / 60);
      if (minute < MINUTES && minute >= w.keepAfterActivitySeconds() / 60 && minute < w.prewarmAfterSeconds() / 60) {
        cold++;
      }
    }
    return cold;
  }

  /**
   * GPU time held without serving, in the window's own model (idle times at their minute's middle):
   * the keep-alive, and a pre-warmed replica's wait from its start to the request.
   */
  private static double heldSeconds(KeepAlive.Window w, List<Double> gaps, double lead) {
    double held = 0;
    for (double gap : gaps) {
      int minute = (int) Math.floor(gap / 60);
      if (minute >= MINUTES) {
        continue;
      }
      double x = (minute + 0.5) * 60;
      double keep = w.keepAfterActivitySeconds();
      if (minute < keep / 60) {
        held += x;
      } else {
        held += keep;
        if (minute >= w.prewarmAfterSeconds() / 60) {
          held += x - w.prewarmAfterSeconds() + lead;
        }
      }
    }
    return held;
  }
}
