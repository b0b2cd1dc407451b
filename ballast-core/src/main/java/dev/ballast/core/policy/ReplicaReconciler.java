package dev.ballast.core.policy;

import dev.ballast.core.capacity.GpuChoice;
import dev.ballast.core.service.ServiceSpec;
import dev.ballast.core.spi.Action;
import dev.ballast.core.spi.PodPhase;
import dev.ballast.core.spi.PodView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * Brings one service's pods to a target of awake capacity and sleeping replicas. Capacity is
 * counted in replicas of the GPU type new replicas run on: a pod on another type counts for its
 * SLO-safe rate over that type's ({@code equivalent}). Sleepers wake before new replicas start;
 * surplus replicas go to sleep while the warm tier is short, and are removed otherwise, those not
 * serving yet first, then the dearest per request, then the newest.
 */
final class ReplicaReconciler {
  private static final double EPS = 1e-9;

  private ReplicaReconciler() {}

  /** What a pod counts for, in replicas of the chosen type: its type's SLO-safe rate over the chosen type's. */
  static ToDoubleFunction<PodView> equivalent(GpuChoice.Choice choice) {
    Map<String, GpuChoice.Option> byType = byType(choice);
    double unit = choice.best().usableRate();
    return p -> {
      GpuChoice.Option o = byType.get(p.gpuTypeId());
      return o == null || unit <= 0 ? 1 : o.usableRate() / unit;
    };
  }

  private static Map<String, GpuChoice.Option> byType(GpuChoice.Choice choice) {
    return choice.options().stream().collect(Collectors.toMap(GpuChoice.Option::gpuTypeId, o -> o, (a, b) -> a));
  }

  /**
   * @param awake replicas' worth of serving capacity wanted, in units of the chosen GPU type
   * @param warm sleeping replicas wanted
   * @param choice the GPU type new replicas run on, and what every type's replica is worth
   * @param why the plan's reason, appended to every action
   */
  static List<Action> reconcile(ServiceSpec svc, List<PodView> pods, int awake, int warm, GpuChoice.Choice choice, String why) {
    return reconcile(svc, pods, awake, warm, choice, Set.of(), why);
  }

  /** As above; surplus replicas in {@code retireFirst} (moved off an under-used node, their replacement serving) go before any other. */
  static List<Action> reconcile(ServiceSpec svc, List<PodView> pods, int awake, int warm, GpuChoice.Choice choice, Set<String> retireFirst, String why) {
    String gpuTypeId = choice.best().gpuTypeId();
    ToDoubleFunction<PodView> equivalent = equivalent(choice);
    Map<String, GpuChoice.Option> byType = byType(choice);
    ToDoubleFunction<PodView> usdPerRequest = p -> byType.containsKey(p.gpuTypeId()) ? byType.get(p.gpuTypeId()).usdPerRequest() : Double.POSITIVE_INFINITY;
    List<Action> actions = new ArrayList<>();
    List<PodView> live = pods.stream().filter(p -> p.phase() != PodPhase.TERMINATING).toList();
    List<PodView> awakeLike = live.stream().filter(ReplicaReconciler::awakeLike).toList();
    List<PodView> sleepers = live.stream().filter(p -> p.phase() == PodPhase.SLEEPING).toList();
    double have = awakeLike.stream().mapToDouble(equivalent).sum();
    int sleeping = sleepers.size();
    String head = String.format(Locale.ROOT, "ballast %s: awake %.1f -> %d on %s, warm %d -> %d", svc.id(), have, awake, gpuTypeId, sleeping, warm);

    // 1. wake sleepers toward the awake target
    for (PodView p : sleepers) {
      if (have >= awake - EPS) {
        break;
      }
      actions.add(new Action.WakeReplica(p.id(), head + ": wake " + p.id() + "; " + why));
      have += equivalent.applyAsDouble(p);
      sleeping--;
    }
    // 2. start new replicas for what is still missing, and for the warm tier (they sleep once ready)
    int add = have < awake - EPS ? (int) Math.ceil(awake - have - EPS) : 0;
    int addWarm = Math.max(0, warm - sleeping - surplus(awakeLike, have, awake, equivalent));
    int room = svc.maxReplicas() - live.size();
    int start = Math.min(room, add + addWarm);
    if (start > 0) {
      actions.add(
          new Action.ScaleReplicas(
              svc.id(), live.size() + start, gpuTypeId, String.format(Locale.ROOT, "%s: %d -> %d replicas; %s", head, live.size(), live.size() + start, why)));
      return actions;
    }
    // 3. surplus awake capacity: into the warm tier while it is short, else removed
    List<PodView> removable = new ArrayList<>(awakeLike);
    removable.sort(Comparator.comparing((PodView p) -> !retireFirst.contains(p.id())).thenComparing(removalOrder(usdPerRequest)));
    for (PodView p : removable) {
      double e = equivalent.applyAsDouble(p);
      if (have - e < awake - EPS) {
        continue;
      }
      if (p.phase() == PodPhase.READY && sleeping < warm && !retireFirst.contains(p.id())) { // a replica leaving its node goes, not to sleep there
        actions.add(new Action.SleepReplica(p.id(), head + ": sleep " + p.id() + " into the warm tier; " + why));
        sleeping++;
      } else {
        actions.add(new Action.RemoveReplica(p.id(), head + ": remove " + p.id() + " (" + p.phase().name().toLowerCase(Locale.ROOT) + "); " + why));
      }
      have -= e;
    }
    // 4. sleepers beyond the warm tier go
    for (PodView p : sleepers) {
      if (sleeping <= warm) {
        break;
      }
      if (actions.stream().noneMatch(a -> a instanceof Action.WakeReplica w && w.podId().equals(p.id()))) {
        actions.add(new Action.RemoveReplica(p.id(), head + ": remove " + p.id() + " (sleeping beyond the warm tier); " + why));
        sleeping--;
      }
    }
    return actions;
  }

  /** Whole replicas of surplus awake capacity that can go to sleep instead of starting new ones. */
  private static int surplus(List<PodView> awakeLike, double have, int awake, ToDoubleFunction<PodView> equivalent) {
    int n = 0;
    double left = have;
    for (PodView p : awakeLike) {
      if (p.phase() == PodPhase.READY && left - equivalent.applyAsDouble(p) >= awake - EPS) {
        left -= equivalent.applyAsDouble(p);
        n++;
      }
    }
    return n;
  }

  static boolean awakeLike(PodView p) {
    return p.phase() == PodPhase.READY || p.phase() == PodPhase.WAKING || p.phase() == PodPhase.STARTING || p.phase() == PodPhase.PENDING;
  }

  /** Not yet serving first (pending, starting, waking), then the dearest per request, then the newest. */
  private static Comparator<PodView> removalOrder(ToDoubleFunction<PodView> usdPerRequest) {
    return Comparator.comparingInt(
            (PodView p) ->
                switch (p.phase()) {
                  case PENDING -> 0;
                  case STARTING -> 1;
                  case WAKING -> 2;
                  default -> 3;
                })
        .thenComparing(Comparator.comparingDouble(usdPerRequest).reversed())
        .thenComparing(Comparator.comparing(PodView::phaseSince).reversed())
        .thenComparing(PodView::id);
  }
}
