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
 * The fluid queue the burst profile bisects on: over any run of intervals, no interval has more
 * late requests than arrivals, and more capacity never makes more requests late (the bisection
 * for the capacity that keeps the missed share within budget relies on it).
 */
class FluidQueueProperties {
  record Interval(double seconds, double arrivals, double capacity) {}

  @Provide
  Arbitrary<List<Interval>> runs() {
    return net.jqwik.api.Combinators.combine(Arbitraries.doubles().between(1, 30), Arbitraries.doubles().between(0, 3000), Arbitraries.doubles().between(0, 200))
        .as(Interval::new).list().ofMinSize(1).ofMaxSize(60);
  }

  @Property(tries = 500)
  void moreCapacityNeverMakesMoreRequestsLate(@ForAll("runs") List<Interval> run, @ForAll @DoubleRange(min = 1, max = 3) double more,
      @ForAll @DoubleRange(min = 0.1, max = 10) double target) {
    FluidQueue less = new FluidQueue(target);
    FluidQueue moreQ = new FluidQueue(target);
    double lateLess = 0;
    double lateMore = 0;
    double arrivals = 0;
    for (Interval i : run) {
      double a = less.late(i.seconds(), i.arrivals(), i.capacity());
      double b = moreQ.late(i.seconds(), i.arrivals(), i.capacity() * more);
      assertThat(a).isBetween(0.0, i.arrivals() + 1e-9);
      assertThat(b).isBetween(0.0, i.arrivals() + 1e-9);
      lateLess += a;
      lateMore += b;
      arrivals += i.arrivals();
      assertThat(lateMore).as("after %.0f arrivals", arrivals).isLessThanOrEqualTo(lateLess + 1e-6 * Math.max(1, arrivals));
    }
  }
}
