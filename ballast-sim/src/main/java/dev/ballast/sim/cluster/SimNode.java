package dev.ballast.sim.cluster;

import dev.ballast.core.catalog.NodeType;
import dev.ballast.core.spi.NodePool;
import dev.ballast.core.spi.NodeState;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** A simulated node: its state, what it caches, what runs on it, and what it has cost so far. */
public final class SimNode {
  final int index;
  final String id;
  final NodeType type;
  final NodePool pool;
  NodeState state;
  double stateSince;
  boolean standby;
  int gpusAllocated;
  long cpuAllocated;
  long memoryAllocated;
  final List<SimPod> pods = new ArrayList<>();
  final Set<String> cachedImages = new HashSet<>();
  final Set<String> cachedWeights = new HashSet<>();
  long pendingEventSeq = -1;
  String prefetchModel;
  private double billedUntil;
  private double costUsd;
  private double gpuSecondsPaid;

  SimNode(int index, String id, NodeType type, NodePool pool, NodeState state, double now) {
    this.index = index;
    this.id = id;
    this.type = type;
    this.pool = pool;
    this.state = state;
    this.stateSince = now;
    this.billedUntil = now;
  }

  /** Accrues cost up to {@code now} at the current state's rate. */
  void bill(double now) {
    double dt = now - billedUntil;
    if (dt > 0) {
      if (state.billedInFull()) {
        costUsd += dt * type.runningUsdPerSecond();
        gpuSecondsPaid += dt * type.gpuCount();
      } else if (state == NodeState.STOPPED) {
        costUsd += dt * type.stoppedUsdPerSecond();
      }
      billedUntil = now;
    }
  }

  void moveTo(NodeState next, double now) {
    bill(now);
    state = next;
    stateSince = now;
  }

  public boolean schedulable() {
    return state == NodeState.READY && !standby;
  }

  public int gpusFree() {
    return type.gpuCount() - gpusAllocated;
  }

  public boolean caches(String modelId) {
    return cachedImages.contains(modelId) && cachedWeights.contains(modelId);
  }

  public String id() {
    return id;
  }

  public NodePool pool() {
    return pool;
  }

  public int gpusAllocated() {
    return gpusAllocated;
  }

  public List<SimPod> pods() {
    return pods;
  }

  public Set<String> cachedModels() {
    Set<String> both = new HashSet<>(cachedImages);
    both.retainAll(cachedWeights);
    return both;
  }

  public double stateSince() {
    return stateSince;
  }

  public NodeType type() {
    return type;
  }

  public NodeState state() {
    return state;
  }

  public boolean standby() {
    return standby;
  }

  public double costUsd(double now) {
    bill(now);
    return costUsd;
  }

  public double gpuSecondsPaid(double now) {
    bill(now);
    return gpuSecondsPaid;
  }
}
