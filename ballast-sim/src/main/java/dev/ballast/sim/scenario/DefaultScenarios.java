package dev.ballast.sim.scenario;

import dev.ballast.core.catalog.Catalog;
import dev.ballast.core.catalog.DefaultCatalog;
import dev.ballast.core.config.Settings;
import dev.ballast.core.service.ServiceSpec;
import dev.ballast.core.service.Slo;
import dev.ballast.core.spi.NodePool;
import dev.ballast.sim.trace.ScaledTrace;
import dev.ballast.sim.trace.Trace;
import dev.ballast.sim.trace.Traces;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The scenarios Ballast runs without a config file: each trace service becomes a Llama-3.1-8B
 * service on H100 (p5.4xlarge, one GPU per node) with a 2 s TTFT SLO for 99 % of requests.
 */
public final class DefaultScenarios {
  private DefaultScenarios() {}

  /**
   * The embedded default replays the Azure LLM 2023 conversation trace at 50× its rate: its peak
   * minute (502 requests, 8.4 req/s) becomes 420 req/s, which needs about 30 replicas of the 8B model
   * on H100 at 70 % of saturation (docs/concepts.md, "The default scenario").
   */
  public static final double CONVERSATION_RATE_SCALE = 50;

  public static final String DEFAULT_GPU = "H100-80GB";
  public static final String DEFAULT_POOL = "h100";
  public static final int MAX_NODES = 2000;

  /** The main job: the embedded conversation trace, rate-scaled. */
  public static Scenario embeddedConversation(Settings settings, double rateScale, double timeScale) {
    Trace trace = ScaledTrace.of(Traces.embedded(Traces.CONVERSATION), rateScale, timeScale);
    return forTrace("azure-conv x" + fmt(rateScale), trace, settings);
  }

  public static Scenario embeddedCode(Settings settings, double rateScale, double timeScale) {
    Trace trace = ScaledTrace.of(Traces.embedded(Traces.CODE), rateScale, timeScale);
    return forTrace("azure-code x" + fmt(rateScale), trace, settings);
  }

  /**
   * A default scenario around any trace: one service per trace service. A single service keeps
   * one replica at least; many services (a function trace) may scale to zero.
   */
  public static Scenario forTrace(String name, Trace trace, Settings settings) {
    Catalog catalog = DefaultCatalog.get();
    List<ServiceSpec> services = new ArrayList<>();
    Map<String, String> gpu = new LinkedHashMap<>();
    int min = trace.services().size() == 1 ? 1 : 0;
    for (String id : trace.services()) {
      services.add(new ServiceSpec(id, DefaultCatalog.DEFAULT_MODEL, Slo.interactiveDefault(), min, MAX_NODES));
      gpu.put(id, DEFAULT_GPU);
    }
    List<NodePool> pools = List.of(new NodePool(DEFAULT_POOL, DefaultCatalog.DEFAULT_NODE_TYPE, 0, MAX_NODES));
    return new Scenario(name, trace, catalog, services, gpu, pools, settings);
  }

  static String fmt(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
  }
}
