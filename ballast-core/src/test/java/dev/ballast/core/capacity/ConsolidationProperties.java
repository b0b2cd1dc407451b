package dev.ballast.core.capacity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.core.catalog.DefaultCatalog;
import dev.ballast.core.resources.GpuRequest;
import dev.ballast.core.resources.ResourceRequirements;
import dev.ballast.core.resources.Resources;
import dev.ballast.core.spi.ClusterSnapshot;
import dev.ballast.core.spi.NodePool;
import dev.ballast.core.spi.NodeState;
import dev.ballast.core.spi.NodeView;
import dev.ballast.core.spi.PodPhase;
import dev.ballast.core.spi.PodView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Make-before-break, whatever the layout and however long replacements take: a host that follows
 * {@link Consolidation} as Ballast's policy does (one replica more per replica still waiting for
 * its replacement; the replaced ones removed first, else the newest starting one) never serves a
 * service with fewer replicas than it had, and never empties a node more than half used.
 */
class ConsolidationProperties {
  private static final int GPUS = 8;
  private static final double STEP = 30;

  /** Per node, how many replicas of services a and b it holds (up to four each). */
  @Provide
  Arbitrary<List<int[]>> layouts() {
    return Arbitraries.integers().between(0, GPUS / 2).list().ofSize(2).map(l -> new int[] {l.get(0), l.get(1)}).list().ofMinSize(2).ofMaxSize(4);
  }

  /** How long each replacement takes to serve, in steps; a long one outlasts the move's timeout. */
  @Provide
  Arbitrary<List<Integer>> startSteps() {
    return Arbitraries.integers().between(1, 40).list().ofSize(16);
  }

  @Property(tries = 300)
  void noServiceEverServesWithFewerReplicasAndNoWellPackedNodeIsEmptied(@ForAll("layouts") List<int[]> layout, @ForAll("startSteps") List<Integer> starts) {
    Host host = new Host(layout, starts);
    Map<String, Integer> base = Map.of("a", host.ready("a"), "b", host.ready("b"));
    Consolidation k = new Consolidation(300, 900);
    boolean moved = false;
    for (double t = 0; t < 7200; t += STEP) {
      ClusterSnapshot view = host.view();
      String before = k.emptying().orElse(null);
      k.update(view, t, p -> true);
      String now = k.emptying().orElse(null);
      if (now != null && !now.equals(before)) {
        moved = true;
        NodeView n = view.nodes().stream().filter(x -> x.id().equals(now)).findFirst().orElseThrow();
        assertThat(2 * n.gpusAllocated()).as("t=%.0f: %s emptied with %d of %d GPUs used", t, now, n.gpusAllocated(), GPUS).isLessThanOrEqualTo(GPUS);
      }
      for (String svc : List.of("a", "b")) {
        host.scale(svc, base.get(svc) + k.extra(svc), k.retiring(svc), now, t);
      }
      host.advance(t);
      for (String svc : List.of("a", "b")) {
        assertThat(host.ready(svc)).as("t=%.0f: serving replicas of %s", t, svc).isGreaterThanOrEqualTo(base.get(svc));
      }
    }
    Statistics.label("a node was emptied").collect(moved);
    Statistics.label("a node was emptied").coverage(c -> c.check(true).percentage(p -> p >= 20));
  }

  /** Nodes and one-GPU replicas, placed by packing (the fullest node with room, not the one being emptied). */
  private static final class Host {
    final List<String> nodes = new ArrayList<>();
    final Map<String, PodView> pods = new java.util.LinkedHashMap<>();
    final Map<String, Double> readyAt = new HashMap<>();
    final List<Integer> starts;
    int created;

    Host(List<int[]> layout, List<Integer> starts) {
      this.starts = starts;
      for (int i = 0; i < layout.size(); i++) {
        String node = "n" + i;
        nodes.add(node);
        for (int s = 0; s < 2; s++) {
          for (int j = 0; j < layout.get(i)[s]; j++) {
            add(s == 0 ? "a" : "b", node, PodPhase.READY);
          }
        }
      }
    }

    void add(String svc, String node, PodPhase phase) {
      String id = svc + created++;
      pods.put(id, new PodView(id, svc, node, "H100-80GB", phase, ResourceRequirements.guaranteed(Resources.of(0, 0, GpuRequest.whole(1))), Instant.EPOCH));
    }

    int used(String node) {
      return (int) pods.values().stream().filter(p -> node.equals(p.nodeId())).count();
    }

    int ready(String svc) {
      return (int) pods.values().stream().filter(p -> p.serviceId().equals(svc) && p.phase() == PodPhase.READY).count();
    }

    ClusterSnapshot view() {
      List<NodeView> views = new ArrayList<>();
      for (String n : nodes) {
        views.add(new NodeView(n, "p5.48xlarge", "h100x8", NodeState.READY, false, GPUS, used(n), used(n), Set.of(), Instant.EPOCH));
      }
      return new ClusterSnapshot(views, List.copyOf(pods.values()), List.of(), List.of(new NodePool("h100x8", "p5.48xlarge", 0, 10)), DefaultCatalog.get());
    }

    void scale(String svc, int want, Set<String> retiring, String emptying, double t) {
      List<PodView> mine = pods.values().stream().filter(p -> p.serviceId().equals(svc)).toList();
      for (int i = mine.size(); i < want; i++) {
        String node = nodes.stream().filter(n -> !n.equals(emptying) && used(n) < GPUS).max(java.util.Comparator.comparingInt(this::used)).orElse(null);
        if (node == null) {
          return; // no room: the replacement waits
        }
        add(svc, node, PodPhase.STARTING);
        readyAt.put(svc + (created - 1), t + STEP * starts.get(created % starts.size()));
      }
      List<String> order = new ArrayList<>(retiring.stream().filter(pods::containsKey).sorted().toList());
      List<PodView> starting = new ArrayList<>(mine.stream().filter(p -> p.phase() == PodPhase.STARTING).toList());
      java.util.Collections.reverse(starting);
      starting.forEach(p -> order.add(p.id()));
      for (int excess = mine.size() - want, i = 0; excess > 0 && i < order.size(); excess--, i++) {
        pods.remove(order.get(i));
      }
    }

    void advance(double t) {
      for (Map.Entry<String, Double> e : readyAt.entrySet()) {
        PodView p = pods.get(e.getKey());
        if (p != null && p.phase() == PodPhase.STARTING && e.getValue() <= t) {
          pods.put(p.id(), new PodView(p.id(), p.serviceId(), p.nodeId(), p.gpuTypeId(), PodPhase.READY, p.resources(), p.phaseSince()));
        }
      }
    }
  }
}
