package dev.ballast.sim.run;

import dev.ballast.core.catalog.ServingProfile;
import dev.ballast.core.scaling.ReplicaThroughput;
import dev.ballast.core.scaling.TokenMix;
import dev.ballast.core.spi.Action;
import dev.ballast.core.spi.Actions;
import dev.ballast.core.spi.NodeState;
import dev.ballast.sim.cluster.SimCluster;
import dev.ballast.sim.cluster.SimNode;
import dev.ballast.sim.cluster.SimPod;
import dev.ballast.sim.scenario.Scenario;
import dev.ballast.sim.serving.ServiceFrontend;
import dev.ballast.sim.serving.ServiceStats;
import java.util.ArrayList;
import java.util.List;

/** Samples a run every timeline step: demand, capacity, replicas and nodes by state, cost, decisions. */
final class TimelineRecorder {
  private final ServiceFrontend[] frontends;
  private final ServiceStats[] stats;
  private final SimCluster cluster;
  private final boolean keepRows;
  private final List<TimelineRow> rows = new ArrayList<>();
  private final StringBuilder decisions = new StringBuilder();
  private double lastTime;
  private long lastArrivals;
  private long lastMisses;
  private double replicaSum;
  private long steps;
  private int peakReplicas;

  TimelineRecorder(Scenario scenario, ServiceFrontend[] frontends, ServiceStats[] stats, SimCluster cluster, boolean keepRows) {
    this.frontends = frontends;
    this.stats = stats;
    this.cluster = cluster;
    this.keepRows = keepRows;
  }

  void decision(String policy, Action action, Actions.Outcome outcome) {
    if (!keepRows) {
      return;
    }
    if (!decisions.isEmpty()) {
      decisions.append(" | ");
    }
    decisions.append(policy).append(": ").append(action.reason());
    if (!outcome.done()) {
      decisions.append(" [refused: ").append(outcome.refusal()).append(']');
    }
  }

  /** Records a step; {@code measured} steps (after the warm-up) count toward mean and peak replicas. */
  void record(double now, boolean measured) {
    int replicas = cluster.livePods().size();
    if (measured) {
      replicaSum += replicas;
      steps++;
      peakReplicas = Math.max(peakReplicas, replicas);
    }
    if (!keepRows) {
      return;
    }
    long arrivals = 0;
    long misses = 0;
    long inFlight = 0;
    for (ServiceStats s : stats) {
      arrivals += s.arrivals();
      misses += s.firstTokens() - s.withinSlo() + s.failedTotal();
      inFlight += s.inFlight();
    }
    int ready = 0;
    int starting = 0;
    int pending = 0;
    int sleeping = 0;
    double capacity = 0;
    for (SimPod p : cluster.livePods()) {
      switch (p.phase()) {
        case PENDING -> pending++;
        case STARTING, WAKING -> starting++;
        case SLEEPING -> sleeping++;
        case READY -> {
          ready++;
          capacity += saturation(p);
        }
        default -> {}
      }
    }
    int provisioning = 0;
    int serving = 0;
    int standby = 0;
    int stopped = 0;
    for (SimNode n : cluster.liveNodes()) {
      if (n.state() == NodeState.PROVISIONING || n.state() == NodeState.STARTING) {
        provisioning++;
      } else if (n.state() == NodeState.STOPPED) {
        stopped++;
      } else if (n.standby()) {
        standby++;
      } else {
        serving++;
      }
    }
    double dt = Math.max(1e-9, now - lastTime);
    rows.add(
        new TimelineRow(
            now,
            (arrivals - lastArrivals) / dt,
            capacity,
            inFlight,
            ready,
            starting,
            pending,
            sleeping,
            provisioning,
            serving,
            standby,
            stopped,
            cluster.costUsd(now),
            misses - lastMisses,
            decisions.toString()));
    decisions.setLength(0);
    lastTime = now;
    lastArrivals = arrivals;
    lastMisses = misses;
  }

  /** A ready replica's saturation rate for its service's token mix seen so far. */
  private double saturation(SimPod pod) {
    ServiceStats s = stats[pod.service()];
    if (s.arrivals() == 0) {
      return 0;
    }
    ServingProfile profile = pod.replica().profile();
    TokenMix mix = new TokenMix((double) s.promptTokens() / s.arrivals(), Math.max(1, (double) s.outputTokens() / s.arrivals()));
    return ReplicaThroughput.saturationRequestsPerSecond(profile, mix);
  }

  List<TimelineRow> rows() {
    return rows;
  }

  double meanReplicas() {
    return steps == 0 ? 0 : replicaSum / steps;
  }

  int peakReplicas() {
    return peakReplicas;
  }
}
