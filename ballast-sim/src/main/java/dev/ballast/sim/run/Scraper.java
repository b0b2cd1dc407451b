package dev.ballast.sim.run;

import dev.ballast.core.service.ServiceSpec;
import dev.ballast.core.spi.PodPhase;
import dev.ballast.core.spi.ServiceSample;
import dev.ballast.sim.cluster.SimCluster;
import dev.ballast.sim.cluster.SimPod;
import dev.ballast.sim.engine.VirtualClock;
import dev.ballast.sim.metrics.SampleHistory;
import dev.ballast.sim.serving.Replica;
import dev.ballast.sim.serving.ServiceFrontend;
import dev.ballast.sim.serving.ServiceStats;
import java.util.List;

/** Takes one sample per service of what vLLM and kube-state-metrics would export, as a scrape would. */
final class Scraper {
  private final List<ServiceSpec> services;
  private final ServiceFrontend[] frontends;
  private final ServiceStats[] stats;
  private final SimCluster cluster;
  private final SampleHistory history;
  private final VirtualClock clock;
  private final int[] ready;
  private final int[] starting;
  private final int[] pending;
  private final long[] running;
  private final long[] waiting;
  private final double[] kv;
  private final int[] kvCount;

  Scraper(
      List<ServiceSpec> services,
      ServiceFrontend[] frontends,
      ServiceStats[] stats,
      SimCluster cluster,
      SampleHistory history,
      VirtualClock clock) {
    this.services = services;
    this.frontends = frontends;
    this.stats = stats;
    this.cluster = cluster;
    this.history = history;
    this.clock = clock;
    int n = services.size();
    ready = new int[n];
    starting = new int[n];
    pending = new int[n];
    running = new long[n];
    waiting = new long[n];
    kv = new double[n];
    kvCount = new int[n];
  }

  void scrape(double now) {
    java.util.Arrays.fill(ready, 0);
    java.util.Arrays.fill(starting, 0);
    java.util.Arrays.fill(pending, 0);
    java.util.Arrays.fill(running, 0);
    java.util.Arrays.fill(waiting, 0);
    java.util.Arrays.fill(kv, 0);
    java.util.Arrays.fill(kvCount, 0);
    for (SimPod pod : cluster.livePods()) {
      int s = pod.service();
      switch (pod.phase()) {
        case PENDING -> pending[s]++;
        case STARTING, WAKING -> starting[s]++;
        case READY, TERMINATING, SLEEPING -> {
          Replica r = pod.replica();
          if (r == null) {
            continue;
          }
          running[s] += r.running();
          waiting[s] += r.waiting();
          if (pod.phase() == PodPhase.READY) {
            ready[s]++;
            kv[s] += r.kvCacheUsage();
            kvCount[s]++;
          }
        }
      }
    }
    var at = clock.toInstant(now);
    for (int s = 0; s < services.size(); s++) {
      ServiceStats st = stats[s];
      history.record(
          services.get(s).id(),
          new ServiceSample(
              at,
              ready[s],
              starting[s],
              pending[s],
              st.arrivals(),
              st.promptTokens(),
              st.outputTokens(),
              st.firstTokens(),
              st.withinSlo(),
              st.failedTotal(),
              running[s],
              waiting[s] + frontends[s].held(),
              st.inFlightSeconds(now),
              kvCount[s] == 0 ? 0 : kv[s] / kvCount[s]));
    }
  }
}
