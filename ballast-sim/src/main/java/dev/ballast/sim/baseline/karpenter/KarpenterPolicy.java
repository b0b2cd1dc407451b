package dev.ballast.sim.baseline.karpenter;

import dev.ballast.core.spi.Action;
import dev.ballast.core.spi.ClusterView;
import dev.ballast.core.spi.NodePool;
import dev.ballast.core.spi.Plan;
import dev.ballast.core.spi.PodView;
import dev.ballast.core.spi.Policy;
import dev.ballast.core.spi.PolicyInput;
import dev.ballast.sim.baseline.GpuSlots;
import dev.ballast.sim.baseline.ScaleUpOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Karpenter (kubernetes-sigs/karpenter): pending pods are batched (closed after 1 s without a new
 * one, 10 s at most), pods that in-flight nodes will take are left to them, and the rest get the
 * cheapest instance type that fits among those the NodePool allows (here: every pool's type).
 * Consolidation ({@code WhenEmptyOrUnderutilized}, {@code consolidateAfter: 0s}, a budget of 10 %
 * of nodes) is its disruption controller, {@link KarpenterDisruption}.
 */
public final class KarpenterPolicy implements Policy {
  private static final Duration TICK = Duration.ofSeconds(1);

  private final double idleSeconds;
  private final double maxSeconds;
  private final KarpenterDisruption disruption;
  private double batchStart = Double.NaN;
  private double lastNewPod = Double.NaN;
  private final Set<String> batchPods = new HashSet<>();

  public KarpenterPolicy(Duration idle, Duration max, Duration consolidateAfter, double budgetPercent) {
    this.idleSeconds = idle.toNanos() / 1e9;
    this.maxSeconds = max.toNanos() / 1e9;
    this.disruption = new KarpenterDisruption(consolidateAfter.toNanos() / 1e9, budgetPercent);
  }

  @Override
  public String name() {
    return "karpenter";
  }

  @Override
  public Duration tickInterval() {
    return TICK;
  }

  @Override
  public Plan decide(PolicyInput in) {
    double now = in.nowSeconds();
    ClusterView cluster = in.cluster();
    List<Action> actions = new ArrayList<>(provision(cluster, now));
    actions.addAll(disruption.decide(cluster, now, actions.isEmpty() && Double.isNaN(batchStart)));
    return actions.isEmpty() ? Plan.hold("karpenter: nothing to do") : new Plan(actions, "karpenter: " + actions.size() + " node actions");
  }

  private List<Action> provision(ClusterView cluster, double now) {
    List<PodView> needy = ScaleUpOptions.unhelped(cluster); // pods that in-flight nodes will take are left to them
    if (needy.isEmpty()) {
      batchStart = Double.NaN;
      batchPods.clear();
      return List.of();
    }
    if (Double.isNaN(batchStart)) {
      batchStart = now;
      lastNewPod = now;
    }
    for (PodView p : needy) {
      if (batchPods.add(p.id())) {
        lastNewPod = now;
      }
    }
    if (now - lastNewPod < idleSeconds && now - batchStart < maxSeconds) {
      return List.of(); // the batch is still open
    }
    batchStart = Double.NaN;
    batchPods.clear();
    Map<String, Long> poolSize = GpuSlots.poolSizes(cluster);
    List<Action> actions = new ArrayList<>();
    for (List<PodView> group : ScaleUpOptions.byShape(needy)) {
      ScaleUpOptions.Option best = null;
      for (ScaleUpOptions.Option o : ScaleUpOptions.options(group, cluster, poolSize)) {
        if (best == null || o.usdPerPodHour() < best.usdPerPodHour()) { // cheapest fit
          best = o;
        }
      }
      if (best != null) {
        poolSize.merge(best.pool().id(), (long) best.nodes(), Long::sum);
        actions.add(
            new Action.AddNodes(
                best.pool().id(),
                best.nodes(),
                String.format(
                    "karpenter: %d pending pods need %s -> %d x %s, cheapest fit at $%.2f/pod-hour",
                    group.size(), group.get(0).gpuTypeId(), best.nodes(), best.pool().nodeTypeId(), best.usdPerPodHour())));
      }
    }
    return actions;
  }
}
