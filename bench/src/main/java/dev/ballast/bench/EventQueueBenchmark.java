package dev.ballast.bench;

import dev.ballast.sim.engine.EventQueue;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** One pop and one push on a queue holding {@code size} events (the "hold" model). */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EventQueueBenchmark {
  @Param({"64", "1024", "65536"})
  int size;

  EventQueue queue;
  SplittableRandom random;

  @Setup
  public void setup() {
    queue = new EventQueue();
    random = new SplittableRandom(1);
    for (int i = 0; i < size; i++) {
      queue.push(random.nextDouble() * 100, i);
    }
  }

  @Benchmark
  public long popThenPush() {
    double t = queue.peekTime();
    long payload = queue.peekPayload();
    queue.pop();
    return queue.push(t + random.nextDouble() * 100, payload);
  }
}
