package dev.ballast.sim.run;

import dev.ballast.core.spi.Policy;
import dev.ballast.sim.cluster.PodPlacement;
import dev.ballast.sim.scenario.Scenario;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One contender in a comparison: a set of policies (a workload autoscaler and a node autoscaler,
 * or Ballast), how its gateway treats requests at zero replicas, and its metrics pipeline.
 */
public interface Contender {

  /** Name in tables, e.g. {@code hpa+ca} or {@code hpa+ca@50}. */
  String name();

  /** Fresh policy instances for one run (policies keep state between ticks). */
  List<Policy> createPolicies(Scenario scenario);

  /** Whether requests wait at the gateway while a service has no ready replica. */
  default boolean holdsRequestsAtZero() {
    return false;
  }

  /** The contender's own scrape interval, where its upstream has its own metrics pipeline. */
  default Optional<Duration> scrapeInterval() {
    return Optional.empty();
  }

  /** The contender's own metrics delay, where its upstream reads metrics straight from the pods. */
  default Optional<Duration> metricsDelay() {
    return Optional.empty();
  }

  /**
   * Whether its workload autoscaler can bring a service up from zero replicas. One that cannot (the
   * HPA) is deployed with at least one replica per service, as its users deploy it.
   */
  default boolean scalesFromZero() {
    return true;
  }

  /**
   * How its pods find nodes: kube-scheduler's defaults, unless the contender brings its own
   * scheduler extender (Ballast).
   */
  default PodPlacement placement() {
    return PodPlacement.KUBE_DEFAULT;
  }

  /** Replicas to start with, where the contender is defined by a fixed size (static provisioning). */
  default OptionalInt initialReplicas(Scenario scenario, int service) {
    return OptionalInt.empty();
  }
}
