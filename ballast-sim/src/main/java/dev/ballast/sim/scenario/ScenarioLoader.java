package dev.ballast.sim.scenario;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ballast.core.catalog.Catalog;
import dev.ballast.core.catalog.DefaultCatalog;
import dev.ballast.core.catalog.Delay;
import dev.ballast.core.catalog.GpuType;
import dev.ballast.core.catalog.NodeStartup;
import dev.ballast.core.catalog.NodeType;
import dev.ballast.core.catalog.PriceQuote;
import dev.ballast.core.config.Setting;
import dev.ballast.core.config.Settings;
import dev.ballast.core.service.ServiceSpec;
import dev.ballast.core.service.Slo;
import dev.ballast.core.spi.NodePool;
import dev.ballast.sim.trace.ScaledTrace;
import dev.ballast.sim.trace.Trace;
import dev.ballast.sim.trace.TraceFormat;
import dev.ballast.sim.trace.Traces;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Reads a YAML scenario (docs/configuration.md). Every error names the file and the field path,
 * e.g. {@code scenario.yaml: services[0].slo.share: SLO share must be in (0, 1], got 1.5}.
 */
public final class ScenarioLoader {
  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private ScenarioLoader() {}

  /** Loads a scenario; {@code traceOverride} (from --trace) replaces the file's trace when given. */
  public static Scenario load(Path file, Settings base, Trace traceOverride) {
    ScenarioFile f;
    try {
      f = YAML.readValue(file.toFile(), ScenarioFile.class);
    } catch (JsonMappingException e) {
      throw new IllegalArgumentException(file + ": " + path(e) + firstLine(e.getOriginalMessage()));
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": cannot read: " + firstLine(e.getMessage()));
    }
    if (f == null) {
      throw new IllegalArgumentException(file + ": empty scenario file");
    }
    String where = file.toString();
    Settings settings = at(where, "settings", () -> base.with(f.settings() == null ? Map.of() : f.settings()));
    Catalog catalog = at(where, "catalog", () -> catalog(f.catalog()));
    Trace trace = traceOverride != null ? traceOverride : at(where, "trace", () -> trace(file, f.trace()));
    List<NodePool> pools = new ArrayList<>();
    if (f.pools() == null || f.pools().isEmpty()) {
      pools.add(new NodePool(DefaultScenarios.DEFAULT_POOL, DefaultCatalog.DEFAULT_NODE_TYPE, 0, DefaultScenarios.MAX_NODES));
    } else {
      for (int i = 0; i < f.pools().size(); i++) {
        ScenarioFile.PoolEntry p = f.pools().get(i);
        pools.add(at(where, "pools[" + i + "]", () -> pool(p, catalog)));
      }
    }
    List<ServiceSpec> services = new ArrayList<>();
    Map<String, String> gpu = new LinkedHashMap<>();
    Map<String, ScenarioFile.ServiceEntry> named = new LinkedHashMap<>();
    if (f.services() != null) {
      for (int i = 0; i < f.services().size(); i++) {
        ScenarioFile.ServiceEntry s = f.services().get(i);
        if (s.id() == null) {
          throw new IllegalArgumentException(where + ": services[" + i + "].id: missing");
        }
        named.put(s.id(), s);
      }
    }
    for (int i = 0; i < trace.services().size(); i++) {
      String id = trace.services().get(i);
      ScenarioFile.ServiceEntry entry = named.remove(id);
      if (entry == null && trace.services().size() == 1 && named.size() == 1) {
        entry = named.values().iterator().next();
        named.clear();
      }
      ScenarioFile.ServiceEntry e = entry == null ? f.serviceTemplate() : entry;
      String label = entry != null ? "services[" + entry.id() + "]" : "serviceTemplate";
      String serviceId = entry != null && entry.id() != null ? entry.id() : id;
      int min = trace.services().size() == 1 ? 1 : 0;
      ServiceSpec spec = at(where, label, () -> service(serviceId, e, min));
      services.add(spec);
      gpu.put(spec.id(), e == null || e.gpuType() == null ? DefaultScenarios.DEFAULT_GPU : e.gpuType());
    }
    if (!named.isEmpty()) {
      throw new IllegalArgumentException(
          where + ": services " + named.keySet() + " are not in the trace, whose services are " + preview(trace.services()));
    }
    String name = f.name() == null ? file.getFileName().toString() : f.name();
    return at(where, "services", () -> new Scenario(name, trace, catalog, services, gpu, pools, settings));
  }

  private static Catalog catalog(ScenarioFile.CatalogOverrides o) {
    Catalog base = DefaultCatalog.get();
    if (o == null) {
      return base;
    }
    List<GpuType> gpus = new ArrayList<>();
    if (o.gpus() != null) {
      for (ScenarioFile.GpuEntry g : o.gpus()) {
        GpuType old = base.gpus().get(g.id());
        gpus.add(
            new GpuType(
                require(g.id(), "gpus[].id"),
                g.memoryMiB() != null ? g.memoryMiB() : old != null ? old.memoryMiB() : require(null, "gpus[" + g.id() + "].memoryMiB"),
                g.memoryBandwidthGBps() != null ? g.memoryBandwidthGBps() : old != null ? old.memoryBandwidthGBps() : 0,
                g.mig() != null ? g.mig() : old != null && old.migCapable(),
                g.pricePerGpuHour() != null ? PriceQuote.userOverride(g.pricePerGpuHour()) : old != null ? old.pricePerGpuHour() : require(null, "gpus[" + g.id() + "].pricePerGpuHour")));
      }
    }
    Catalog withGpus = base.with(gpus, List.of(), List.of());
    List<NodeType> nodes = new ArrayList<>();
    if (o.nodeTypes() != null) {
      for (ScenarioFile.NodeTypeEntry n : o.nodeTypes()) {
        NodeType old = base.nodeTypes().get(n.id());
        String gpuId = n.gpu() != null ? n.gpu() : old != null && old.gpu() != null ? old.gpu().id() : null;
        GpuType gpu = gpuId == null ? null : withGpus.gpu(gpuId);
        nodes.add(
            new NodeType(
                require(n.id(), "nodeTypes[].id"),
                gpu,
                n.gpuCount() != null ? n.gpuCount() : old != null ? old.gpuCount() : 0,
                n.cpu() != null ? Math.round(n.cpu() * 1000) : old != null ? old.cpuMilli() : 8_000,
                n.memoryGiB() != null ? Math.round(n.memoryGiB() * 1024) : old != null ? old.memoryMiB() : 64 * 1024,
                n.diskGiB() != null ? n.diskGiB() : old != null ? old.diskGiB() : 300,
                n.pricePerHour() != null ? PriceQuote.userOverride(n.pricePerHour()) : old != null ? old.pricePerHour() : require(null, "nodeTypes[" + n.id() + "].pricePerHour"),
                n.diskPricePerGiBMonth() != null ? n.diskPricePerGiBMonth() : old != null ? old.diskPricePerGiBMonth() : 0.08,
                startup(n.startup(), old != null ? old.startup() : base.nodeType(DefaultCatalog.DEFAULT_NODE_TYPE).startup())));
      }
    }
    return withGpus.with(List.of(), nodes, List.of());
  }

  private static NodeStartup startup(ScenarioFile.Startup s, NodeStartup fallback) {
    if (s == null) {
      return fallback;
    }
    return new NodeStartup(
        delay(s.vmToReady(), fallback.vmToReady()),
        delay(s.gpuAllocatable(), fallback.gpuAllocatable()),
        delay(s.resumeFromStopped(), fallback.resumeFromStopped()));
  }

  private static Delay delay(ScenarioFile.Delay d, Delay fallback) {
    if (d == null) {
      return fallback;
    }
    Duration median = seconds(d.median(), "median");
    Duration p90 = d.p90() == null ? median : seconds(d.p90(), "p90");
    return median.equals(p90) ? Delay.fixed(median) : Delay.logNormal(median, p90);
  }

  private static Duration seconds(String raw, String what) {
    return Setting.duration(what, Duration.ZERO, Duration.ZERO, Duration.ofDays(1), what).parse(raw);
  }

  private static Trace trace(Path file, ScenarioFile.TraceRef t) {
    if (t == null || t.path() == null) {
      double rate = t != null && t.rateScale() != null ? t.rateScale() : DefaultScenarios.CONVERSATION_RATE_SCALE;
      double time = t != null && t.timeScale() != null ? t.timeScale() : 1;
      return ScaledTrace.of(Traces.embedded(Traces.CONVERSATION), rate, time);
    }
    Path p = file.toAbsolutePath().getParent().resolve(t.path()).normalize();
    return Traces.read(
        p,
        TraceFormat.parse(t.format() == null ? "azure-llm" : t.format()),
        t.rateScale() == null ? 1 : t.rateScale(),
        t.timeScale() == null ? 1 : t.timeScale());
  }

  private static NodePool pool(ScenarioFile.PoolEntry p, Catalog catalog) {
    String type = p.nodeType() == null ? DefaultCatalog.DEFAULT_NODE_TYPE : p.nodeType();
    catalog.nodeType(type);
    return new NodePool(
        require(p.id(), "id"), type, p.minNodes() == null ? 0 : p.minNodes(), p.maxNodes() == null ? DefaultScenarios.MAX_NODES : p.maxNodes());
  }

  private static ServiceSpec service(String id, ScenarioFile.ServiceEntry e, int defaultMin) {
    Slo slo = Slo.interactiveDefault();
    if (e != null && e.slo() != null) {
      Duration ttft = e.slo().ttft() == null ? slo.ttftTarget() : seconds(e.slo().ttft(), "slo.ttft");
      slo = new Slo(ttft, e.slo().share() == null ? slo.targetShare() : e.slo().share());
    }
    return new ServiceSpec(
        id,
        e == null || e.model() == null ? DefaultCatalog.DEFAULT_MODEL : e.model(),
        slo,
        e == null || e.minReplicas() == null ? defaultMin : e.minReplicas(),
        e == null || e.maxReplicas() == null ? DefaultScenarios.MAX_NODES : e.maxReplicas(),
        e == null || e.allowedGpuTypes() == null ? List.of() : e.allowedGpuTypes());
  }

  private static <T> T at(String file, String path, Supplier<T> build) {
    try {
      return build.get();
    } catch (IllegalArgumentException e) {
      String msg = e.getMessage();
      throw new IllegalArgumentException(msg != null && msg.startsWith(file) ? msg : file + ": " + path + ": " + msg, e);
    }
  }

  private static <T> T require(T value, String field) {
    if (value == null) {
      throw new IllegalArgumentException(field + " is required");
    }
    return value;
  }

  private static String path(JsonMappingException e) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference r : e.getPath()) {
      if (r.getFieldName() != null) {
        if (!sb.isEmpty()) {
          sb.append('.');
        }
        sb.append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        sb.append('[').append(r.getIndex()).append(']');
      }
    }
    long line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
    return (sb.isEmpty() ? "" : sb + ": ") + (line > 0 ? "(line " + line + ") " : "");
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "invalid";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  private static String preview(List<String> names) {
    return names.size() <= 5 ? names.toString() : names.subList(0, 5) + " and " + (names.size() - 5) + " more";
  }
}
