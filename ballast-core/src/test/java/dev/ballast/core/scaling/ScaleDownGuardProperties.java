package dev.ballast.core.scaling;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/**
 * The scale-down guard's contract over any run of proposals and demand: it never holds less than
 * proposed; it lowers capacity only when the survivors carry the current demand with the margin
 * to spare; and it never lowers within a window of a proposal as high as what it would remove.
 */
class ScaleDownGuardProperties {
  record Step(int proposed, double demand) {}

  @Provide
  Arbitrary<List<Step>> runs() {
    return net.jqwik.api.Combinators.combine(Arbitraries.integers().between(0, 12), Arbitraries.doubles().between(0, 130))
        .as(Step::new).list().ofMinSize(1).ofMaxSize(200);
  }

  @Property(tries = 300)
  void theGuardKeepsItsContract(
      @ForAll("runs") List<Step> steps,
      @ForAll @IntRange(min = 0, max = 12) int initial,
      @ForAll @DoubleRange(min = 0, max = 300) double window,
      @ForAll @DoubleRange(min = 0, max = 0.5) double margin) {
    double perReplica = 10;
    double tick = 15;
    ScaleDownGuard g = new ScaleDownGuard(window);
    int held = initial;
    for (int i = 0; i < steps.size(); i++) {
      Step s = steps.get(i);
      double now = i * tick;
      int out = g.apply(now, s.proposed(), held, s.demand(), perReplica, margin);
      assertThat(out).as("t=%.0f: below the proposal %d", now, s.proposed()).isGreaterThanOrEqualTo(s.proposed());
      if (out < held) {
        assertThat(s.demand()).as("t=%.0f: %d -> %d with demand %.1f", now, held, out, s.demand())
            .isLessThanOrEqualTo(out * perReplica * (1 - margin) + 1e-9);
        for (int j = 0; j < i; j++) {
          if (now - j * tick <= window) {
            assertThat(steps.get(j).proposed()).as("t=%.0f: %d -> %d though %d was proposed %.0f s before", now, held, out, steps.get(j).proposed(), now - j * tick)
                .isLessThanOrEqualTo(out);
          }
        }
      }
      held = out;
    }
  }
}
