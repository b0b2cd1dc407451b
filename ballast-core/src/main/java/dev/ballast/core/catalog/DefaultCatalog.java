package dev.ballast.core.catalog;

import java.util.LinkedHashMap;
import java.util.Map;

/** The catalog Ballast ships with: public figures, each with its source (see docs/concepts.md). */
public final class DefaultCatalog {
  private DefaultCatalog() {}

  public static final String DEFAULT_MODEL = "llama-3.1-8b";
  public static final String DEFAULT_NODE_TYPE = "p5.4xlarge";

  public static Catalog get() {
    Map<String, GpuType> gpus = new LinkedHashMap<>();
    DefaultGpus.all().forEach(g -> gpus.put(g.id(), g));
    Map<String, NodeType> nodes = new LinkedHashMap<>();
    DefaultNodeTypes.all().forEach(n -> nodes.put(n.id(), n));
    Map<String, Model> models = new LinkedHashMap<>();
    DefaultModels.all().forEach(m -> models.put(m.id(), m));
    return new Catalog(gpus, nodes, models, DefaultModels.STARTUP);
  }
}
