package dev.ballast.sim.baseline.hpa;

import dev.ballast.core.service.ServiceSpec;
import dev.ballast.core.spi.Action;
import dev.ballast.core.spi.Plan;
import dev.ballast.core.spi.PodPhase;
import dev.ballast.core.spi.PodView;
import dev.ballast.core.spi.Policy;
import dev.ballast.core.spi.PolicyInput;
import dev.ballast.core.spi.ServiceSample;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Kubernetes HPA as LLM teams run it: a Pods metric of in-flight requests per pod (vLLM's
 * {@code num_requests_running + num_requests_waiting}) with an AverageValue target, synced every 15
 * s with the default behavior (kubernetes.io "Horizontal Pod Autoscaling"). With a Pods metric the
 * HPA cannot scale from or to zero, so its floor is max(1, minReplicas).
 */
public final class HpaPolicy implements Policy {
  private final Duration sync;
  private final double tolerance;
  private final Map<String, Long> targetMilliPerPod;
  private final Map<String, HpaController> controllers = new HashMap<>();

  /**
   * @param targetInFlightPerPod target in-flight requests per pod, per service id
   */
  public HpaPolicy(Map<String, Double> targetInFlightPerPod, Duration sync, double tolerance) {
    this.sync = sync;
    this.tolerance = tolerance;
    this.targetMilliPerPod = new HashMap<>();
    targetInFlightPerPod.forEach((k, v) -> targetMilliPerPod.put(k, Math.max(1, Math.round(v * 1000))));
  }

  @Override
  public String name() {
    return "hpa";
  }

  @Override
  public Duration tickInterval() {
    return sync;
  }

  @Override
  public Plan decide(PolicyInput in) {
    double now = in.nowSeconds();
    List<Action> actions = new ArrayList<>();
    for (ServiceSpec svc : in.cluster().services()) {
      List<PodView> pods = in.cluster().pods(svc.id());
      int current = (int) pods.stream().filter(p -> p.phase() != PodPhase.TERMINATING).count();
      if (current == 0) {
        continue; // the HPA is disabled while its target is scaled to zero
      }
      Optional<ServiceSample> sample = in.metrics().latest(svc.id());
      if (sample.isEmpty()) {
        continue;
      }
      long target = targetMilliPerPod.get(svc.id());
      List<MetricPod> metricPods = metricPods(pods, sample.get());
      ReplicaCalculator.Result r;
      try {
        r = ReplicaCalculator.podsAverageValue(current, target, tolerance, metricPods);
      } catch (ReplicaCalculator.NoRecommendation e) {
        continue; // upstream sets ScalingActive=False and leaves the target alone
      }
      int min = Math.max(1, svc.minReplicas());
      Behavior.Limited limited =
          controllers.computeIfAbsent(svc.id(), k -> HpaController.withDefaultBehavior())
              .normalize(now, current, r.desiredReplicas(), min, svc.maxReplicas());
      if (limited.replicas() != current) {
        actions.add(
            new Action.ScaleReplicas(
                svc.id(),
                limited.replicas(),
                String.format(
                    "hpa %s %d -> %d: in-flight %.1f/pod vs target %.1f (%s)",
                    svc.id(), current, limited.replicas(), r.reported() / 1000.0, target / 1000.0, limited.reason())));
      }
    }
    return actions.isEmpty() ? Plan.hold("hpa: no change") : new Plan(actions, "hpa scaled " + actions.size() + " services");
  }

  /**
   * The service's pods as the metrics API shows them: ready pods that were already ready at the
   * last scrape carry an equal share of the scraped in-flight total; newer ready pods and starting
   * pods have no sample yet; pending pods are Pending; terminating ones are being deleted.
   */
  static List<MetricPod> metricPods(List<PodView> pods, ServiceSample sample) {
    long totalMilli = Math.round(sample.inFlight() * 1000);
    int sampled = sample.readyReplicas();
    List<MetricPod> list = new ArrayList<>(pods.size());
    int readySeen = 0;
    for (PodView p : pods) {
      switch (p.phase()) {
        case PENDING -> list.add(new MetricPod(p.id(), "Pending", false, false, null, null, null));
        case STARTING -> list.add(new MetricPod(p.id(), "Running", false, false, null, null, null));
        case TERMINATING -> list.add(new MetricPod(p.id(), "Running", false, true, null, null, null));
        case READY -> {
          Long value = null;
          if (readySeen < sampled) {
            long share = totalMilli / sampled + (readySeen < totalMilli % sampled ? 1 : 0);
            value = share;
          }
          readySeen++;
          list.add(new MetricPod(p.id(), "Running", true, false, null, null, value));
        }
      }
    }
    return list;
  }
}
