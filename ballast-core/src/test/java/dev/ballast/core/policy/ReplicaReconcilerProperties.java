package dev.ballast.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.core.capacity.GpuChoice;
import dev.ballast.core.resources.GpuRequest;
import dev.ballast.core.resources.ResourceRequirements;
import dev.ballast.core.resources.Resources;
import dev.ballast.core.service.ServiceSpec;
import dev.ballast.core.service.Slo;
import dev.ballast.core.spi.Action;
import dev.ballast.core.spi.NodePool;
import dev.ballast.core.spi.PodPhase;
import dev.ballast.core.spi.PodView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Whatever a service's pods and whatever the targets, bringing them to the targets reaches the
 * awake target (within maxReplicas), touches no pod twice nor one already terminating, removes
 * nothing while it still has to start replicas, and retires a replica being moved off a node
 * rather than putting it to sleep there.
 */
class ReplicaReconcilerProperties {
  @Provide
  Arbitrary<List<PodPhase>> phases() {
    return Arbitraries.of(PodPhase.PENDING, PodPhase.STARTING, PodPhase.READY, PodPhase.READY, PodPhase.SLEEPING, PodPhase.WAKING, PodPhase.TERMINATING)
        .list().ofMaxSize(12);
  }

  @Property(tries = 500)
  void reconcilingReachesTheTargetsSafely(
      @ForAll("phases") List<PodPhase> phases,
      @ForAll @IntRange(min = 0, max = 14) int awake,
      @ForAll @IntRange(min = 0, max = 6) int warm,
      @ForAll @IntRange(min = 1, max = 16) int maxReplicas,
      @ForAll @IntRange(min = 0, max = 3) int retiringCount) {
    ServiceSpec svc = new ServiceSpec("chat", "llama-3.1-8b", Slo.interactiveDefault(), 0, maxReplicas);
    Map<String, PodView> pods = new LinkedHashMap<>();
    for (int i = 0; i < phases.size(); i++) {
      pods.put("p" + i, new PodView("p" + i, "chat", phases.get(i) == PodPhase.PENDING ? null : "n" + i, "H100-80GB", phases.get(i),
          ResourceRequirements.guaranteed(Resources.of(0, 0, GpuRequest.whole(1))), Instant.EPOCH.plusSeconds(i)));
    }
    Set<String> retiring = new HashSet<>();
    pods.values().stream().filter(p -> p.phase() == PodPhase.READY).limit(retiringCount).forEach(p -> retiring.add(p.id()));
    GpuChoice.Choice choice = GpuChoice.choose(svc, List.of(new NodePool("h100", "p5.4xlarge", 0, 100)), dev.ballast.core.catalog.DefaultCatalog.get(),
        new dev.ballast.core.scaling.TokenMix(1000, 200), 0.0025, null);

    List<Action> actions = ReplicaReconciler.reconcile(svc, List.copyOf(pods.values()), awake, warm, choice, retiring, "test");

    Set<String> touched = new HashSet<>();
    int started = 0;
    boolean removed = false;
    Map<String, PodPhase> after = new LinkedHashMap<>();
    pods.values().forEach(p -> after.put(p.id(), p.phase()));
    for (Action a : actions) {
      String pod = switch (a) {
        case Action.WakeReplica w -> w.podId();
        case Action.SleepReplica s -> s.podId();
        case Action.RemoveReplica r -> r.podId();
        default -> null;
      };
      if (pod != null) {
        assertThat(touched.add(pod)).as("%s acted on twice: %s", pod, actions).isTrue();
        assertThat(pods.get(pod).phase()).as("%s: %s", pod, a).isNotEqualTo(PodPhase.TERMINATING);
      }
      switch (a) {
        case Action.WakeReplica w -> after.put(w.podId(), PodPhase.WAKING);
        case Action.SleepReplica s -> {
          assertThat(retiring).as("a replica leaving its node is put to sleep there: %s", actions).doesNotContain(s.podId());
          after.put(s.podId(), PodPhase.SLEEPING);
        }
        case Action.RemoveReplica r -> {
          removed = true;
          after.remove(r.podId());
        }
        case Action.ScaleReplicas s -> started += s.replicas() - (int) pods.values().stream().filter(p -> p.phase() != PodPhase.TERMINATING).count();
        default -> {}
      }
    }
    assertThat(started == 0 || !removed).as("removes while starting: %s", actions).isTrue();
    long live = after.values().stream().filter(p -> p != PodPhase.TERMINATING).count() + started;
    long awakeAfter = after.values().stream().filter(p -> p == PodPhase.READY || p == PodPhase.WAKING || p == PodPhase.STARTING || p == PodPhase.PENDING).count() + started;
    long liveBefore = pods.values().stream().filter(p -> p.phase() != PodPhase.TERMINATING).count();
    assertThat(live).as("live replicas after %s", actions).isLessThanOrEqualTo(Math.max(liveBefore, maxReplicas));
    assertThat(awakeAfter >= awake || live >= maxReplicas).as("awake %d after %s (target %d, max %d)", awakeAfter, actions, awake, maxReplicas).isTrue();
  }
}
