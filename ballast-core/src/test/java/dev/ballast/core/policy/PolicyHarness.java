package dev.ballast.core.policy;

import dev.ballast.core.config.Settings;
import dev.ballast.core.resources.GpuRequest;
import dev.ballast.core.resources.ResourceRequirements;
import dev.ballast.core.resources.Resources;
import dev.ballast.core.service.ServiceSpec;
import dev.ballast.core.service.Slo;
import dev.ballast.core.spi.Action;
import dev.ballast.core.spi.FakeCluster;
import dev.ballast.core.spi.NodePool;
import dev.ballast.core.spi.PodPhase;
import dev.ballast.core.spi.PodView;
import dev.ballast.core.spi.Plan;
import dev.ballast.core.spi.PolicyInput;
import dev.ballast.core.spi.ServiceSample;
import java.time.Instant;
import java.util.Map;

/**
 * Drives {@link BallastPolicy} against a {@link FakeCluster}: feeds scraped samples of a service
 * {@code chat} and applies replica actions crudely (new replicas are ready at once), enough to
 * check the decisions without the twin.
 */
final class PolicyHarness {
  final FakeCluster cluster = new FakeCluster();
  final BallastPolicy policy;
  long arrivals;
  long firstTokens;
  int nextPod;

  PolicyHarness(int min, int max, Map<String, ?> settings) {
    cluster.services.add(new ServiceSpec("chat", "llama-3.1-8b", Slo.interactiveDefault(), min, max));
    cluster.pools.add(new NodePool("h100", "p5.4xlarge", 0, 200));
    policy = new BallastPolicy("ballast", Settings.defaults(BallastSettings.all()).with(settings), 20);
    for (int i = 0; i < min; i++) {
      addPod(PodPhase.READY);
    }
  }

  /** A scrape at {@code t}: {@code rate} req/s since the last one, {@code waiting} queued now. */
  void scrape(double t, double rate, double seconds, double waiting) {
    long n = Math.round(rate * seconds);
    arrivals += n;
    firstTokens += n;
    int ready = count(PodPhase.READY);
    cluster.sample(
        new ServiceSample(
            Instant.ofEpochMilli((long) (t * 1000)), ready, 0, 0, arrivals, arrivals * 1000, arrivals * 200, firstTokens, firstTokens, 0,
            Math.min(rate * 5, ready * 256.0), waiting, 0, 0.3));
  }

  Plan decide(double t) {
    return policy.decide(new PolicyInput(Instant.ofEpochMilli((long) (t * 1000)), cluster, cluster));
  }

  /** Applies replica actions: scale-ups add ready replicas, removals and sleeps take effect at once. */
  void apply(Plan plan) {
    for (Action a : plan.actions()) {
      switch (a) {
        case Action.ScaleReplicas s -> {
          while (live() < s.replicas()) {
            addPod(PodPhase.READY);
          }
        }
        case Action.RemoveReplica r -> cluster.pods.removeIf(p -> p.id().equals(r.podId()));
        case Action.SleepReplica r -> replace(r.podId(), PodPhase.SLEEPING);
        case Action.WakeReplica r -> replace(r.podId(), PodPhase.READY);
        default -> {}
      }
    }
  }

  int live() {
    return cluster.pods.size();
  }

  int count(PodPhase phase) {
    return (int) cluster.pods.stream().filter(p -> p.phase() == phase).count();
  }

  void addPod(PodPhase phase) {
    Resources r = Resources.of(2000, 12 * 1024, GpuRequest.whole(1));
    String id = "chat-" + nextPod++;
    cluster.pods.add(new PodView(id, "chat", "node-" + id, "H100-80GB", phase, ResourceRequirements.guaranteed(r), Instant.EPOCH));
  }

  private void replace(String id, PodPhase phase) {
    cluster.pods.replaceAll(p -> p.id().equals(id) ? new PodView(p.id(), p.serviceId(), p.nodeId(), p.gpuTypeId(), phase, p.resources(), p.phaseSince()) : p);
  }
}
