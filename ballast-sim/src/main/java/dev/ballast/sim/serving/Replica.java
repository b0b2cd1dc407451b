package dev.ballast.sim.serving;

import dev.ballast.core.catalog.ServingProfile;

/**
 * One serving replica with continuous batching, at request level.
 *
 * <p>A request waits in the replica's queue until the batch has a free sequence slot and enough KV
 * cache for its prompt plus output. Admitted requests are prefilled one after another at the
 * profile's prefill rate; while a prefill runs, decoding pauses (prefill-first scheduling, as in
 * vLLM's default scheduler before chunked prefill). The first token comes out when the prefill ends;
 * the request then joins the decode batch. With {@code b} sequences decoding, every sequence gains
 * one token per {@code ITL(b)} seconds.
 *
 * <p>Decode progress is tracked in virtual tokens: {@code vTime} grows at {@code 1/ITL(b)} while
 * the batch decodes, and a sequence joining at {@code v} with {@code n} tokens left finishes at
 * {@code v + n}. So each request costs O(log b) and the replica holds at most one pending event.
 */
public final class Replica {
  private static final double EPS_TOKENS = 1e-7;

  private final int index;
  private final int service;
  private final ServingProfile profile;
  private final RequestTable requests;
  private final ServingListener listener;
  private final double prefillSecondsPerToken;
  private final double itlOne;
  private final double growth;
  private final int maxSequences;
  private final long kvCapacity;
  private final int waitingLimit;
  private final double timeoutSeconds;

  private final IntFifo waiting = new IntFifo();
  private final IntFifo prefillQueue = new IntFifo();
  private final DecodeHeap decode = new DecodeHeap();
  private int running;
  private long kvUsed;
  private boolean prefillBusy;
  private int prefillSlot = -1;
  private double prefillEnd;
  private double vTime;
  private double tLast;
  private long wakeSeq = -1;
  private double wakeTime = Double.POSITIVE_INFINITY;
  private boolean draining;
  private boolean gone;

  public Replica(
      int index,
      int service,
      ServingProfile profile,
      RequestTable requests,
      ServingListener listener,
      int waitingLimit,
      double timeoutSeconds,
      double now) {
    this.index = index;
    this.service = service;
    this.profile = profile;
    this.requests = requests;
    this.listener = listener;
    this.prefillSecondsPerToken = 1.0 / profile.prefillTokensPerSecond();
    this.itlOne = profile.itlAtBatchOneMs() * 1e-3;
    this.growth = profile.itlGrowthPerSequence();
    this.maxSequences = profile.maxConcurrentSequences();
    this.kvCapacity = profile.kvCacheTokens();
    this.waitingLimit = waitingLimit;
    this.timeoutSeconds = timeoutSeconds;
    this.tLast = now;
  }

  /** Offers a request; false when the queue is full (the caller counts the failure). */
  public boolean offer(int slot, double now) {
    if (waiting.size() >= waitingLimit) {
      return false;
    }
    waiting.add(slot);
    pump(now);
    return true;
  }

  /** Runs the replica's due completion; {@code seq} must be the pending event's sequence. */
  public void wake(long seq, double now) {
    if (seq != wakeSeq || gone) {
      return; // superseded by a later reschedule
    }
    wakeSeq = -1;
    wakeTime = Double.POSITIVE_INFINITY;
    advance(now);
    if (prefillBusy) {
      finishPrefill(now);
    } else if (!decode.isEmpty()) {
      vTime = Math.max(vTime, decode.minKey());
      while (!decode.isEmpty() && decode.minKey() <= vTime + EPS_TOKENS) {
        complete(decode.pop(), now);
      }
    }
    pump(now);
  }

  /** Leaves rotation: finishes what it holds, then reports itself drained. */
  public void drain(double now) {
    draining = true;
    checkDrained(now);
  }

  /** The replica stops (grace over, or the run ended): everything still here fails for {@code reason}. */
  public void evict(double now, FailureReason reason) {
    if (gone) {
      return;
    }
    gone = true;
    waiting.drainTo(slot -> listener.failed(slot, reason, now));
    prefillQueue.drainTo(slot -> listener.failed(slot, reason, now));
    if (prefillBusy) {
      listener.failed(prefillSlot, reason, now);
      prefillBusy = false;
    }
    while (!decode.isEmpty()) {
      listener.failed(decode.pop(), reason, now);
    }
    running = 0;
    kvUsed = 0;
  }

  private void pump(double now) {
    advance(now);
    admit(now);
    if (!prefillBusy && !prefillQueue.isEmpty()) {
      startPrefill(now);
    }
    reschedule(now);
    checkDrained(now);
  }

  private void advance(double now) {
    if (!prefillBusy && !decode.isEmpty()) {
      vTime += (now - tLast) / itl(decode.size());
    }
    tLast = now;
  }

  private void admit(double now) {
    while (!waiting.isEmpty() && running < maxSequences) {
      int slot = waiting.peek();
      if (now - requests.arrival(slot) > timeoutSeconds) {
        waiting.poll();
        listener.failed(slot, FailureReason.TIMEOUT, now);
        continue;
      }
      long need = requests.kvTokens(slot);
      if (need > kvCapacity) {
        waiting.poll();
        listener.failed(slot, FailureReason.TOO_LONG, now);
        continue;
      }
      if (kvUsed + need > kvCapacity) {
        break; // wait for KV cache to free up, in order
      }
      waiting.poll();
      running++;
      kvUsed += need;
      prefillQueue.add(slot);
    }
  }

  private void startPrefill(double now) {
    prefillSlot = prefillQueue.poll();
    prefillBusy = true;
    prefillEnd = now + requests.input(prefillSlot) * prefillSecondsPerToken;
  }

  private void finishPrefill(double now) {
    int slot = prefillSlot;
    prefillBusy = false;
    prefillSlot = -1;
    listener.firstToken(slot, now);
    int remaining = requests.output(slot) - 1;
    if (remaining <= 0) {
      complete(slot, now);
    } else {
      decode.push(vTime + remaining, slot);
    }
  }

  private void complete(int slot, double now) {
    running--;
    kvUsed -= requests.kvTokens(slot);
    listener.completed(slot, now);
  }

  private void reschedule(double now) {
    double next;
    if (prefillBusy) {
      next = prefillEnd;
    } else if (!decode.isEmpty()) {
      next = now + Math.max(0, decode.minKey() - vTime) * itl(decode.size());
    } else {
      next = Double.POSITIVE_INFINITY;
    }
    if (next != wakeTime) {
      wakeTime = next;
      wakeSeq = Double.isInfinite(next) ? -1 : listener.scheduleWake(this, next);
    }
  }

  private void checkDrained(double now) {
    if (draining && !gone && running == 0 && waiting.isEmpty()) {
      gone = true;
      listener.drained(this, now);
    }
  }

  private double itl(int batch) {
    return itlOne * (1.0 + growth * (batch - 1));
  }

  public int index() {
    return index;
  }

  public int service() {
    return service;
  }

  public ServingProfile profile() {
    return profile;
  }

  /** Sequences admitted to the batch (prefilling or decoding). */
  public int running() {
    return running;
  }

  /** Requests queued at the replica, not yet admitted. */
  public int waiting() {
    return waiting.size();
  }

  /** Running plus waiting: what least-loaded routing compares. */
  public int load() {
    return running + waiting.size();
  }

  public double kvCacheUsage() {
    return (double) kvUsed / kvCapacity;
  }

  public boolean draining() {
    return draining;
  }

  public boolean gone() {
    return gone;
  }
}
