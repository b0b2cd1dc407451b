package dev.ballast.sim.baseline.keda;

import dev.ballast.core.service.ServiceSpec;
import dev.ballast.core.spi.Action;
import dev.ballast.core.spi.Plan;
import dev.ballast.core.spi.PodPhase;
import dev.ballast.core.spi.Policy;
import dev.ballast.core.spi.PolicyInput;
import dev.ballast.core.spi.ServiceSample;
import dev.ballast.sim.baseline.hpa.Behavior;
import dev.ballast.sim.baseline.hpa.HpaController;
import dev.ballast.sim.baseline.hpa.ReplicaCalculator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * KEDA with an HTTP-style trigger on in-flight requests (keda.sh ScaledObject spec; the HTTP add-on
 * interceptor holds requests at zero and reports them as pending): every polling interval the
 * operator activates a target at zero when the metric is above the activation threshold and
 * returns it to zero after the cooldown period without activity; between 1 and max replicas the
 * HPA that KEDA creates scales on the same metric as an External AverageValue target, every HPA
 * sync, with the default behavior.
 */
public final class KedaPolicy implements Policy {
  private final Map<String, Long> targetMilliPerPod = new HashMap<>();
  private final Duration hpaSync;
  private final double tolerance;
  private final double pollingSeconds;
  private final double cooldownSeconds;
  private final double activationThreshold;
  private final Map<String, HpaController> hpas = new HashMap<>();
  private final Map<String, Double> lastActive = new HashMap<>();
  private double nextPoll = Double.NEGATIVE_INFINITY;

  public KedaPolicy(
      Map<String, Double> targetInFlightPerPod,
      Duration hpaSync,
      double tolerance,
      Duration polling,
      Duration cooldown,
      double activationThreshold) {
    targetInFlightPerPod.forEach((k, v) -> targetMilliPerPod.put(k, Math.max(1, Math.round(v * 1000))));
    this.hpaSync = hpaSync;
    this.tolerance = tolerance;
    this.pollingSeconds = polling.toNanos() / 1e9;
    this.cooldownSeconds = cooldown.toNanos() / 1e9;
    this.activationThreshold = activationThreshold;
  }

  @Override
  public String name() {
    return "keda";
  }

  @Override
  public Duration tickInterval() {
    return hpaSync;
  }

  @Override
  public Plan decide(PolicyInput in) {
    double now = in.nowSeconds();
    boolean poll = now >= nextPoll;
    if (poll) {
      nextPoll = now + pollingSeconds;
    }
    List<Action> actions = new ArrayList<>();
    for (ServiceSpec svc : in.cluster().services()) {
      int current = (int) in.cluster().pods(svc.id()).stream().filter(p -> p.phase() != PodPhase.TERMINATING).count();
      Optional<ServiceSample> sample = in.metrics().latest(svc.id());
      double metric = sample.map(ServiceSample::inFlight).orElse(0.0);
      if (poll) {
        boolean active = metric > activationThreshold;
        if (active) {
          lastActive.put(svc.id(), now);
        }
        if (active && current == 0) {
          int to = Math.max(1, svc.minReplicas());
          actions.add(new Action.ScaleReplicas(svc.id(), to, String.format("keda %s 0 -> %d: activated, %.0f in flight > %.0f", svc.id(), to, metric, activationThreshold)));
          continue;
        }
        double since = now - lastActive.getOrDefault(svc.id(), 0.0);
        if (!active && current > 0 && svc.minReplicas() == 0 && since >= cooldownSeconds) {
          actions.add(new Action.ScaleReplicas(svc.id(), 0, String.format("keda %s %d -> 0: inactive for %.0f s >= cooldown %.0f s", svc.id(), current, since, cooldownSeconds)));
          continue;
        }
      }
      if (current == 0 || sample.isEmpty()) {
        continue; // KEDA's HPA does nothing at zero
      }
      long target = targetMilliPerPod.get(svc.id());
      ReplicaCalculator.Result r =
          ReplicaCalculator.averageValue(current, Math.round(metric * 1000), target, tolerance);
      int min = Math.max(1, svc.minReplicas());
      Behavior.Limited limited =
          hpas.computeIfAbsent(svc.id(), k -> HpaController.withDefaultBehavior())
              .normalize(now, current, r.desiredReplicas(), min, svc.maxReplicas());
      if (limited.replicas() != current) {
        actions.add(
            new Action.ScaleReplicas(
                svc.id(),
                limited.replicas(),
                String.format(
                    "keda-hpa %s %d -> %d: %.0f in flight vs %.1f/pod target (%s)",
                    svc.id(), current, limited.replicas(), metric, target / 1000.0, limited.reason())));
      }
    }
    return actions.isEmpty() ? Plan.hold("keda: no change") : new Plan(actions, "keda scaled " + actions.size() + " services");
  }
}
