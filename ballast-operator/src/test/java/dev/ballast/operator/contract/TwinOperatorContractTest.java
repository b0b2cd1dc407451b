package dev.ballast.operator.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.core.catalog.Catalog;
import dev.ballast.core.catalog.DefaultCatalog;
import dev.ballast.core.policy.BallastPolicy;
import dev.ballast.core.service.ServiceSpec;
import dev.ballast.core.spi.Action;
import dev.ballast.core.spi.NodePool;
import dev.ballast.core.spi.Plan;
import dev.ballast.core.spi.PolicyInput;
import dev.ballast.core.spi.ServiceSample;
import dev.ballast.operator.api.v1alpha1.InferenceScalerSpec;
import dev.ballast.operator.scaling.ScaleTarget;
import dev.ballast.operator.scaling.ServingScaler;
import dev.ballast.sim.cluster.ClusterHost;
import dev.ballast.sim.cluster.PodPlacement;
import dev.ballast.sim.cluster.SimCluster;
import dev.ballast.sim.cluster.SimPod;
import dev.ballast.sim.engine.VirtualClock;
import dev.ballast.sim.metrics.SampleHistory;
import dev.ballast.sim.run.TwinSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/**
 * The same snapshot through the twin's ports (its simulated cluster seen through {@link
 * TwinSnapshot}, its metrics store {@link SampleHistory}) and through the operator's ({@link
 * ServingScaler}, fed what Prometheus and the target's /scale give) must give the same replica
 * decision: the twin's numbers are then the operator's numbers.
 */
class TwinOperatorContractTest {
  static final double DETECTION_SECONDS = 45; // the operator's: period 15 s + 30 s scrape and pipeline
  static final Duration TICK = Duration.ofSeconds(15);

  /** The twin's cluster host, reduced to what a fixed snapshot needs: no events fire. */
  static final class StillHost implements ClusterHost {
    final RandomGenerator random = new SplittableRandom(1);
    long seq;

    @Override
    public long schedule(double time, long payload) {
      return ++seq;
    }

    @Override
    public RandomGenerator random() {
      return random;
    }

    @Override
    public void podReady(SimPod pod, double now) {}

    @Override
    public void podTerminating(SimPod pod, double now) {}

    @Override
    public void podSleeping(SimPod pod, double now) {}

    @Override
    public void podGraceOver(SimPod pod, double now) {}
  }

  /** {@code ready} serving replicas of llama-3.1-8b on as many one-H100 nodes, in the twin. */
  static SimCluster twinCluster(ServiceSpec svc, int ready, Catalog catalog) {
    SimCluster cluster = new SimCluster(catalog, List.of(svc), List.of(new NodePool("gpu-H100-80GB", "p5.4xlarge", 0, 100_000)), new StillHost(),
        PodPlacement.KUBE_DEFAULT, 30);
    for (int i = 0; i < ready; i++) {
      cluster.addNode("gpu-H100-80GB", 0, true, svc.modelId());
      cluster.createPod(0, "H100-80GB", 0, true);
    }
    return cluster;
  }

  static InferenceScalerSpec operatorSpec() {
    return dev.ballast.operator.scaling.ScalerSpecs.llama();
  }

  /** The twin's decision: the policy's ScaleReplicas less the replicas it removes by name. */
  static int twinDecision(Plan plan, int ready) {
    int desired = ready;
    int removed = 0;
    for (Action a : plan.actions()) {
      if (a instanceof Action.ScaleReplicas s && s.serviceId().equals("service")) {
        desired = s.replicas();
      } else if (a instanceof Action.RemoveReplica) {
        removed++;
      }
    }
    return desired - removed;
  }

  @Property(tries = 25)
  void theTwinAndTheOperatorDecideAlike(
      @ForAll @IntRange(min = 1, max = 30) int ready,
      @ForAll @DoubleRange(min = 1, max = 400) double baseRate,
      @ForAll @DoubleRange(min = 0.05, max = 6) double surge,
      @ForAll @IntRange(min = 200, max = 3000) int promptTokens) {
    Catalog catalog = DefaultCatalog.get();
    InferenceScalerSpec spec = operatorSpec();
    ServiceSpec svc = new ServiceSpec("service", "llama-3.1-8b", new dev.ballast.core.service.Slo(Duration.ofSeconds(2), 0.99), 1, 200, List.of("H100-80GB"));
    VirtualClock clock = new VirtualClock(Instant.parse("2026-11-27T12:00:00Z"));
    SimCluster cluster = twinCluster(svc, ready, catalog);
    SampleHistory history = new SampleHistory(3600, 0);
    BallastPolicy twinPolicy = new BallastPolicy("ballast", ServingScaler.defaultSettings(), DETECTION_SECONDS);
    ServingScaler operator = new ServingScaler("service", ServingScaler.defaultSettings(), DETECTION_SECONDS);

    double arrivals = 0;
    List<String> disagreements = new ArrayList<>();
    for (int tick = 0; tick <= 80; tick++) { // 20 minutes: steady, then the surge (or drop) from minute 10
      double rate = tick < 40 ? baseRate : baseRate * surge;
      arrivals += rate * TICK.toSeconds();
      long n = Math.round(arrivals);
      double running = Math.min(rate * 3, 256.0 * ready);
      ServiceSample sample = new ServiceSample(clock.instant(), ready, 0, 0, n, n * promptTokens, n * 200, n, n, 0, running, 0, n * 3.0, 0.4);
      history.record("service", sample);
      history.advance(clock.instant());
      operator.observe(sample);

      int twin = twinDecision(twinPolicy.decide(new PolicyInput(clock.instant(), new TwinSnapshot(cluster, clock), history)), ready);
      int op = operator.decide(spec, new ScaleTarget("Deployment", "llama", ready, ready), clock.instant(), null).recommendedReplicas();
      if (twin != op) {
        disagreements.add("t=" + tick * 15 + "s rate " + Math.round(rate) + ": twin " + twin + ", operator " + op);
      }
      clock.advanceTo(clock.seconds() + TICK.toSeconds());
    }
    assertThat(disagreements).isEmpty();
  }
}
