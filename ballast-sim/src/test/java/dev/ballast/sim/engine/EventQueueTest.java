package dev.ballast.sim.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;

class EventQueueTest {

  @Property
  void popsInTimeThenSchedulingOrder(@ForAll @Size(max = 300) List<@DoubleRange(min = 0, max = 50) Double> times) {
    EventQueue q = new EventQueue();
    List<long[]> pushed = new ArrayList<>();
    for (int i = 0; i < times.size(); i++) {
      double t = Math.floor(times.get(i)); // many ties
      long seq = q.push(t, i);
      pushed.add(new long[] {Double.doubleToLongBits(t), seq});
    }
    double lastTime = Double.NEGATIVE_INFINITY;
    long lastSeq = -1;
    int popped = 0;
    while (!q.isEmpty()) {
      double t = q.peekTime();
      long seq = q.peekSeq();
      assertThat(q.peekPayload()).isEqualTo(seq); // payload i was pushed with sequence i
      assertThat(t > lastTime || (t == lastTime && seq > lastSeq)).isTrue();
      lastTime = t;
      lastSeq = seq;
      q.pop();
      popped++;
    }
    assertThat(popped).isEqualTo(times.size());
  }

  @Property
  void kindsAndTargetsRoundTrip(@ForAll int target) {
    for (EventKind k : EventKind.values()) {
      long p = k.with(target);
      assertThat(EventKind.of(p)).isEqualTo(k);
      assertThat(EventKind.target(p)).isEqualTo(target);
    }
  }
}
