package dev.ballast.bench;

import dev.ballast.core.catalog.DefaultCatalog;
import dev.ballast.core.catalog.ServingProfile;
import dev.ballast.sim.engine.EventQueue;
import dev.ballast.sim.serving.FailureReason;
import dev.ballast.sim.serving.Replica;
import dev.ballast.sim.serving.RequestTable;
import dev.ballast.sim.serving.ServingListener;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The serving hot path: one Llama-3.1-8B replica on H100 kept at about 80 % load with conversation-
 * like requests; each operation is one request from arrival to completion (admission, prefill,
 * decode in a batch of about 100, and the replica's events).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ReplicaBenchmark implements ServingListener {
  static final int BATCH = 10_000;

  EventQueue queue;
  RequestTable requests;
  Replica replica;
  SplittableRandom random;
  double now;
  long completed;

  @Setup
  public void setup() {
    ServingProfile p = DefaultCatalog.get().model("llama-3.1-8b").profileOn("H100-80GB").orElseThrow();
    queue = new EventQueue();
    requests = new RequestTable();
    replica = new Replica(0, 0, p, requests, this, 100_000, 1e9, 0);
    random = new SplittableRandom(3);
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public long serve() {
    for (int i = 0; i < BATCH; i++) {
      now += -Math.log(1 - random.nextDouble()) / 16.0; // 16 req/s: about 80 % of saturation
      while (!queue.isEmpty() && queue.peekTime() <= now) {
        double t = queue.peekTime();
        long seq = queue.peekSeq();
        queue.pop();
        replica.wake(seq, t);
      }
      int slot = requests.open(now, 700 + random.nextInt(900), 1 + random.nextInt(420), 0);
      replica.offer(slot, now);
    }
    return completed;
  }

  @Override
  public void firstToken(int slot, double t) {}

  @Override
  public void completed(int slot, double t) {
    completed++;
    requests.close(slot);
  }

  @Override
  public void failed(int slot, FailureReason reason, double t) {
    requests.close(slot);
  }

  @Override
  public void drained(Replica r, double t) {}

  @Override
  public long scheduleWake(Replica r, double time) {
    return queue.push(time, 0);
  }
}
