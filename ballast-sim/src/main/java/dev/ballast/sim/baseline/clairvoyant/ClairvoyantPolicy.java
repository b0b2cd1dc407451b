package dev.ballast.sim.baseline.clairvoyant;

import dev.ballast.core.capacity.LeadTimes;
import dev.ballast.core.catalog.NodeType;
import dev.ballast.core.service.ServiceSpec;
import dev.ballast.core.spi.Action;
import dev.ballast.core.spi.NodePool;
import dev.ballast.core.spi.Plan;
import dev.ballast.core.spi.PodPhase;
import dev.ballast.core.spi.Policy;
import dev.ballast.core.spi.PolicyInput;
import dev.ballast.sim.baseline.fixed.PeakDemand;
import dev.ballast.sim.scenario.Scenario;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The clairvoyant reference: it reads the whole trace before the run, as static-peak does, but
 * window by window. At every moment it holds what the busiest window from now to one lead time
 * ahead needs (each window sized as static-peak sizes its peak), so capacity it will need is ordered
 * a full cold start before it is needed, and capacity needed again within a lead time is kept
 * rather than started twice. No autoscaler can know the trace; this says what knowing it would buy
 * under the same start-up delays, node autoscaler and serving. It is a reference, not a bound: a
 * cleverer schedule with foresight could cost less.
 */
public final class ClairvoyantPolicy implements Policy {
  private static final Duration TICK = Duration.ofSeconds(10);

  private final List<ServiceSpec> services;
  private final double originSeconds;
  private final double windowSeconds;
  /** Per service, per window: the most any window from it to a lead time on needs. */
  private final int[][] heldByWindow;
  private final double[] leadSeconds;

  public ClairvoyantPolicy(Scenario scenario, long seed, double windowSeconds, double utilization) {
    this.services = scenario.services();
    this.originSeconds = scenario.trace().origin().getEpochSecond() + scenario.trace().origin().getNano() / 1e9;
    this.windowSeconds = windowSeconds;
    int[][] needed = PeakDemand.byWindow(scenario, seed, windowSeconds, utilization);
    this.heldByWindow = new int[needed.length][];
    this.leadSeconds = new double[needed.length];
    for (int svc = 0; svc < needed.length; svc++) {
      leadSeconds[svc] = leadSeconds(scenario, services.get(svc));
      heldByWindow[svc] = aheadMax(needed[svc], (int) Math.ceil(leadSeconds[svc] / windowSeconds));
    }
  }

  /** A new node and a cold replica on it, at the 90th percentile, plus two ticks for this policy and the node autoscaler to act. */
  static double leadSeconds(Scenario scenario, ServiceSpec svc) {
    String gpu = scenario.deploymentGpuType().get(svc.id());
    double lead = 0;
    for (NodePool pool : scenario.pools()) {
      NodeType type = scenario.catalog().nodeType(pool.nodeTypeId());
      if (type.gpu() != null && type.gpu().id().equals(gpu)) {
        lead = Math.max(lead, LeadTimes.of(scenario.catalog(), scenario.catalog().model(svc.modelId()), type, 2 * TICK.toSeconds()).coldSeconds());
      }
    }
    return lead;
  }

  /** For each window, the largest need from it through the next {@code ahead} windows. */
  static int[] aheadMax(int[] need, int ahead) {
    int[] out = new int[need.length];
    for (int w = 0; w < need.length; w++) {
      int m = 0;
      for (int k = w; k <= Math.min(need.length - 1, w + ahead); k++) {
        m = Math.max(m, need[k]);
      }
      out[w] = m;
    }
    return out;
  }

  /** What the reference holds for service {@code svc} at {@code tSeconds} into the trace. */
  public int heldAt(int svc, double tSeconds) {
    int[] held = heldByWindow[svc];
    if (held.length == 0) {
      return 0;
    }
    int w = (int) Math.floor(Math.max(0, tSeconds) / windowSeconds);
    return w < held.length ? held[w] : 0;
  }

  @Override
  public String name() {
    return "clairvoyant";
  }

  @Override
  public Duration tickInterval() {
    return TICK;
  }

  @Override
  public Plan decide(PolicyInput in) {
    double t = in.nowSeconds() - originSeconds;
    List<Action> actions = new ArrayList<>();
    for (int svc = 0; svc < services.size(); svc++) {
      ServiceSpec spec = services.get(svc);
      int current = (int) in.cluster().pods(spec.id()).stream().filter(p -> p.phase() != PodPhase.TERMINATING).count();
      int held = heldAt(svc, t);
      int want = Math.max(spec.minReplicas(), Math.min(spec.maxReplicas(), held));
      if (want != current) {
        actions.add(
            new Action.ScaleReplicas(
                spec.id(),
                want,
                String.format(
                    Locale.ROOT,
                    "clairvoyant %s %d -> %d: the busiest %.0f s window of the trace from now to %.0f s ahead (one cold start) needs %d",
                    spec.id(), current, want, windowSeconds, leadSeconds[svc], held)));
      }
    }
    return actions.isEmpty() ? Plan.hold("clairvoyant: no change") : new Plan(actions, "clairvoyant scaled " + actions.size() + " services");
  }
}
