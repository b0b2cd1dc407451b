package dev.ballast.sim.serving;

import java.util.ArrayList;
import java.util.List;

/**
 * A service's entry point: routes each request to the least-loaded ready replica (ties to the
 * oldest), and, when the policy's gateway holds requests at zero (Knative's activator, Ballast),
 * parks requests while no replica is ready.
 */
public final class ServiceFrontend {
  private final int index;
  private final ServiceStats stats;
  private final boolean holdAtZero;
  private final int holdLimit;
  private final double timeoutSeconds;
  private final RequestTable requests;
  private final List<Replica> ready = new ArrayList<>();
  private final IntFifo held = new IntFifo();

  public ServiceFrontend(
      int index, ServiceStats stats, boolean holdAtZero, int holdLimit, double timeoutSeconds, RequestTable requests) {
    this.index = index;
    this.stats = stats;
    this.holdAtZero = holdAtZero;
    this.holdLimit = holdLimit;
    this.timeoutSeconds = timeoutSeconds;
    this.requests = requests;
  }

  /** Whether a replica is serving: a request arriving without one meets a cold start. */
  public boolean hasReadyReplica() {
    return !ready.isEmpty();
  }

  /** Routes a request that already counts as arrived; reports a failure through {@code sink}. */
  public void route(int slot, double now, ServingListener sink) {
    if (ready.isEmpty()) {
      if (!holdAtZero) {
        sink.failed(slot, FailureReason.NO_REPLICA, now);
        return;
      }
      purgeTimedOut(now, sink);
      if (held.size() >= holdLimit) {
        sink.failed(slot, FailureReason.QUEUE_FULL, now);
      } else {
        held.add(slot);
      }
      return;
    }
    Replica best = ready.get(0);
    int bestLoad = best.load();
    for (int i = 1, n = ready.size(); i < n && bestLoad > 0; i++) {
      Replica r = ready.get(i);
      int load = r.load();
      if (load < bestLoad) {
        best = r;
        bestLoad = load;
      }
    }
    if (!best.offer(slot, now)) {
      sink.failed(slot, FailureReason.QUEUE_FULL, now);
    }
  }

  /** A replica starts serving: it joins rotation and takes the held requests. */
  public void addReady(Replica replica, double now, ServingListener sink) {
    ready.add(replica);
    while (!held.isEmpty()) {
      int slot = held.poll();
      if (now - requests.arrival(slot) > timeoutSeconds) {
        sink.failed(slot, FailureReason.TIMEOUT, now);
      } else {
        route(slot, now, sink);
      }
    }
  }

  /** A replica leaves rotation (it then drains). */
  public void removeReady(Replica replica) {
    ready.remove(replica);
  }

  /** Fails every held request at the end of a run. */
  public void failHeld(double now, ServingListener sink) {
    while (!held.isEmpty()) {
      int slot = held.poll();
      sink.failed(slot, now - requests.arrival(slot) > timeoutSeconds ? FailureReason.TIMEOUT : FailureReason.UNFINISHED, now);
    }
  }

  private void purgeTimedOut(double now, ServingListener sink) {
    while (!held.isEmpty() && now - requests.arrival(held.peek()) > timeoutSeconds) {
      sink.failed(held.poll(), FailureReason.TIMEOUT, now);
    }
  }

  public List<Replica> ready() {
    return ready;
  }

  public int held() {
    return held.size();
  }

  public int index() {
    return index;
  }

  public ServiceStats stats() {
    return stats;
  }
}
