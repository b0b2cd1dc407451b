package dev.ballast.sim.serving;

import dev.ballast.core.catalog.ServingProfile;
import dev.ballast.sim.engine.EventQueue;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Drives one replica with its own event queue and records what happens to each request. */
final class ReplicaHarness implements ServingListener {
  final EventQueue queue = new EventQueue();
  final RequestTable requests = new RequestTable();
  final Replica replica;
  final Map<Integer, Double> firstToken = new HashMap<>();
  final Map<Integer, Double> done = new HashMap<>();
  final Map<Integer, FailureReason> failed = new HashMap<>();
  final EnumMap<FailureReason, Integer> failures = new EnumMap<>(FailureReason.class);
  final List<Double> drainedAt = new ArrayList<>();
  private final Map<Integer, Integer> idOfSlot = new HashMap<>();
  private int nextId;
  double now;

  ReplicaHarness(ServingProfile profile, int queueLimit, double timeout) {
    replica = new Replica(0, 0, profile, requests, this, queueLimit, timeout, 0);
  }

  /** Offers a request at time t (after running events up to t); returns its id, or -1 if refused. */
  int offer(double t, int input, int output) {
    runUntil(t);
    int slot = requests.open(t, input, output, 0);
    int id = nextId++;
    idOfSlot.put(slot, id);
    if (!replica.offer(slot, t)) {
      failed.put(id, FailureReason.QUEUE_FULL);
      requests.close(slot);
      return -1;
    }
    return id;
  }

  void runUntil(double t) {
    while (!queue.isEmpty() && queue.peekTime() <= t) {
      now = queue.peekTime();
      long seq = queue.peekSeq();
      queue.pop();
      replica.wake(seq, now);
    }
    now = t;
  }

  void runAll() {
    runUntil(Double.MAX_VALUE);
  }

  @Override
  public void firstToken(int slot, double t) {
    firstToken.put(idOfSlot.get(slot), t);
  }

  @Override
  public void completed(int slot, double t) {
    done.put(idOfSlot.remove(slot), t);
    requests.close(slot);
  }

  @Override
  public void failed(int slot, FailureReason reason, double t) {
    failed.put(idOfSlot.remove(slot), reason);
    failures.merge(reason, 1, Integer::sum);
    requests.close(slot);
  }

  @Override
  public void drained(Replica r, double t) {
    drainedAt.add(t);
  }

  @Override
  public long scheduleWake(Replica r, double time) {
    return queue.push(time, 0);
  }
}
