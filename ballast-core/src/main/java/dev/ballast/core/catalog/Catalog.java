package dev.ballast.core.catalog;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** GPU types, node types and models known to a scenario or cluster, looked up by id. */
public record Catalog(
    Map<String, GpuType> gpus, Map<String, NodeType> nodeTypes, Map<String, Model> models, ReplicaStartup replicaStartup) {

  public Catalog {
    gpus = Map.copyOf(gpus);
    nodeTypes = Map.copyOf(nodeTypes);
    models = Map.copyOf(models);
    Objects.requireNonNull(replicaStartup, "replicaStartup");
    for (NodeType type : nodeTypes.values()) {
      if (type.gpu() != null && !gpus.containsKey(type.gpu().id())) {
        throw new IllegalArgumentException("node type " + type.id() + " names unknown GPU type " + type.gpu().id());
      }
    }
    for (Model model : models.values()) {
      for (String gpu : model.profiles().keySet()) {
        if (!gpus.containsKey(gpu)) {
          throw new IllegalArgumentException("model " + model.id() + " has a profile for unknown GPU type " + gpu);
        }
      }
    }
  }

  public GpuType gpu(String id) {
    return lookup(gpus, id, "GPU type");
  }

  public NodeType nodeType(String id) {
    return lookup(nodeTypes, id, "node type");
  }

  public Model model(String id) {
    return lookup(models, id, "model");
  }

  private static <T> T lookup(Map<String, T> map, String id, String what) {
    T value = map.get(id);
    if (value == null) {
      throw new IllegalArgumentException(
          "unknown " + what + " '" + id + "'; known: " + String.join(", ", map.keySet().stream().sorted().toList()));
    }
    return value;
  }

  /** A copy with some entries replaced or added (user overrides). */
  public Catalog with(Collection<GpuType> moreGpus, Collection<NodeType> moreNodeTypes, Collection<Model> moreModels) {
    Map<String, GpuType> g = new LinkedHashMap<>(gpus);
    moreGpus.forEach(x -> g.put(x.id(), x));
    Map<String, NodeType> n = new LinkedHashMap<>(nodeTypes);
    moreNodeTypes.forEach(x -> n.put(x.id(), x));
    Map<String, Model> m = new LinkedHashMap<>(models);
    moreModels.forEach(x -> m.put(x.id(), x));
    return new Catalog(g, n, m, replicaStartup);
  }
}
