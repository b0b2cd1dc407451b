package dev.ballast.sim.baseline.kpa;

import dev.ballast.core.service.ServiceSpec;
import dev.ballast.core.spi.Action;
import dev.ballast.core.spi.MetricsView;
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

/**
 * Knative's KPA for each service: every tick the {@link Decider} turns the average concurrency over
 * the stable and panic windows into a pod count, and the {@link ScaleToZeroGate} applies it,
 * owning the way down to zero. The activator holds requests while no pod is ready (the contender
 * sets its gateway to hold), and its concurrency counts in the metric.
 */
public final class KpaPolicy implements Policy {
  private final DeciderSpec spec;
  private final ScaleToZeroGate.Config baseConfig;
  private final Duration tick;
  private final double panicWindowSeconds;
  private final Map<String, State> states = new HashMap<>();

  private static final class State {
    Decider decider;
    ScaleToZeroGate.Activity activity;
    double since;
    double proxySince = Double.NaN;
    boolean initialized;
  }

  public KpaPolicy(DeciderSpec spec, ScaleToZeroGate.Config config, Duration tick, double panicWindowSeconds) {
    this.spec = spec;
    this.baseConfig = config;
    this.tick = tick;
    this.panicWindowSeconds = panicWindowSeconds;
  }

  @Override
  public String name() {
    return "kpa";
  }

  @Override
  public Duration tickInterval() {
    return tick;
  }

  @Override
  public Plan decide(PolicyInput in) {
    double now = in.nowSeconds();
    List<Action> actions = new ArrayList<>();
    for (ServiceSpec svc : in.cluster().services()) {
      List<PodView> pods = in.cluster().pods(svc.id());
      int ready = 0;
      int current = 0;
      for (PodView p : pods) {
        if (p.phase() == PodPhase.READY) {
          ready++;
        }
        if (p.phase() != PodPhase.TERMINATING) {
          current++;
        }
      }
      State st = states.get(svc.id());
      if (st == null) {
        st = new State();
        st.decider = new Decider(spec, ready, now);
        st.activity = ready > 0 ? ScaleToZeroGate.Activity.ACTIVE : ScaleToZeroGate.Activity.INACTIVE;
        st.since = now - 1e9; // in that state since long before the run
        st.initialized = ready > 0;
        states.put(svc.id(), st);
      }
      double[] observed = observed(in.metrics(), svc.id());
      Decider.Recommendation rec =
          observed == null ? st.decider.invalid() : st.decider.tick(now, ready, observed[0], observed[1]);
      int desired = rec.scaleValid() ? rec.desiredPodCount() : -1;

      if (st.activity == ScaleToZeroGate.Activity.INACTIVE && desired > 0) {
        st.activity = ready > 0 ? ScaleToZeroGate.Activity.ACTIVE : ScaleToZeroGate.Activity.ACTIVATING;
        st.since = now;
      } else if (st.activity == ScaleToZeroGate.Activity.ACTIVATING && ready > 0) {
        st.activity = ScaleToZeroGate.Activity.ACTIVE;
        st.since = now;
      }
      if (ready >= 1) {
        st.initialized = true;
      }
      boolean proxied = ready == 0 || (rec.scaleValid() && rec.excessBurstCapacity() < 0);
      if (proxied && Double.isNaN(st.proxySince)) {
        st.proxySince = now;
      } else if (!proxied) {
        st.proxySince = Double.NaN;
      }
      ScaleToZeroGate.Config config = configFor(svc);
      State s = st;
      ScaleToZeroGate.Outcome out =
          ScaleToZeroGate.decide(
              new ScaleToZeroGate.Input(
                  config,
                  ScaleToZeroGate.Annotations.NONE,
                  ScaleToZeroGate.Reachability.REACHABLE,
                  st.activity,
                  now - st.since,
                  st.initialized,
                  Double.isNaN(s.proxySince) ? 0 : now - s.proxySince,
                  () -> ScaleToZeroGate.ProbeResult.SUCCESS,
                  current,
                  desired));
      if (out.markInactive()) {
        st.activity = ScaleToZeroGate.Activity.INACTIVE;
        st.since = now;
      }
      if (out.write() && out.returnedScale() >= 0 && out.returnedScale() != current) {
        actions.add(
            new Action.ScaleReplicas(
                svc.id(),
                out.returnedScale(),
                String.format(
                    "kpa %s %d -> %d: concurrency %.1f stable / %.1f panic vs target %.0f/pod%s",
                    svc.id(),
                    current,
                    out.returnedScale(),
                    observed == null ? Double.NaN : observed[0],
                    observed == null ? Double.NaN : observed[1],
                    spec.targetValue(),
                    rec.panicking() ? " (panic)" : "")));
      }
    }
    return actions.isEmpty() ? Plan.hold("kpa: no change") : new Plan(actions, "kpa scaled " + actions.size() + " services");
  }

  private ScaleToZeroGate.Config configFor(ServiceSpec svc) {
    return new ScaleToZeroGate.Config(
        svc.minReplicas() == 0,
        baseConfig.stableWindowSeconds(),
        baseConfig.scaleToZeroGracePeriodSeconds(),
        baseConfig.scaleToZeroPodRetentionPeriodSeconds(),
        baseConfig.progressDeadlineSeconds(),
        baseConfig.activationTimeoutBufferSeconds(),
        baseConfig.targetBurstCapacity(),
        svc.minReplicas(),
        svc.maxReplicas(),
        baseConfig.initialScale(),
        baseConfig.allowZeroInitialScale());
  }

  /** Average concurrency over the stable and the panic window, from the integral counter; null without data. */
  private double[] observed(MetricsView metrics, String service) {
    List<ServiceSample> samples = metrics.samples(service);
    if (samples.size() < 2) {
      return null;
    }
    ServiceSample last = samples.get(samples.size() - 1);
    return new double[] {
      average(samples, last, spec.stableWindowSeconds()), average(samples, last, panicWindowSeconds)
    };
  }

  private static double average(List<ServiceSample> samples, ServiceSample last, double window) {
    ServiceSample from = samples.get(0);
    for (int i = samples.size() - 2; i >= 0; i--) {
      ServiceSample s = samples.get(i);
      from = s;
      if (seconds(last) - seconds(s) >= window) {
        break;
      }
    }
    double dt = seconds(last) - seconds(from);
    return dt <= 0 ? last.inFlight() : (last.inFlightSecondsTotal() - from.inFlightSecondsTotal()) / dt;
  }

  private static double seconds(ServiceSample s) {
    return s.at().getEpochSecond() + s.at().getNano() / 1e9;
  }
}
