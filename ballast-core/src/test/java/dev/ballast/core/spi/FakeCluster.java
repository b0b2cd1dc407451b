package dev.ballast.core.spi;

import dev.ballast.core.catalog.Catalog;
import dev.ballast.core.catalog.DefaultCatalog;
import dev.ballast.core.resources.GpuRequest;
import dev.ballast.core.resources.ResourceRequirements;
import dev.ballast.core.resources.Resources;
import dev.ballast.core.service.ServiceSpec;
import dev.ballast.core.service.Slo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A hand-written cluster and metrics store for policy tests: set what a policy should see. Shared
 * with the twin's tests through this module's test jar.
 */
public final class FakeCluster implements ClusterView, MetricsView {
  public final List<NodeView> nodes = new ArrayList<>();
  public final List<PodView> pods = new ArrayList<>();
  public final List<ServiceSpec> services = new ArrayList<>();
  public final List<NodePool> pools = new ArrayList<>();
  public final Map<String, List<ServiceSample>> samples = new HashMap<>();
  final Catalog catalog = DefaultCatalog.get();

  public static FakeCluster withService(int min, int max) {
    FakeCluster c = new FakeCluster();
    c.services.add(new ServiceSpec("chat", "llama-3.1-8b", Slo.interactiveDefault(), min, max));
    c.pools.add(new NodePool("h100", "p5.4xlarge", 0, 100));
    return c;
  }

  public FakeCluster pool(String id, String type, int max) {
    pools.add(new NodePool(id, type, 0, max));
    return this;
  }

  public FakeCluster node(String id, NodeState state, int gpus, int allocated) {
    nodes.add(new NodeView(id, gpus == 1 ? "p5.4xlarge" : "p5.48xlarge", gpus == 1 ? "h100" : "h100x8", state, false, gpus, allocated, allocated, Set.of(), Instant.EPOCH));
    return this;
  }

  public FakeCluster pod(String id, String nodeId, PodPhase phase) {
    Resources r = Resources.of(2000, 12 * 1024, GpuRequest.whole(1));
    pods.add(new PodView(id, "chat", nodeId, "H100-80GB", phase, ResourceRequirements.guaranteed(r), Instant.EPOCH));
    return this;
  }

  public FakeCluster clearPods() {
    pods.clear();
    return this;
  }

  /** Adds any sample of the service {@code chat}. */
  public FakeCluster sample(ServiceSample s) {
    samples.computeIfAbsent("chat", k -> new ArrayList<>()).add(s);
    return this;
  }

  /** A node of {@code pool} in {@code state}, optionally standby, caching {@code models}. */
  public FakeCluster node(String id, String pool, String type, NodeState state, boolean standby, int gpus, int allocated, Set<String> models) {
    nodes.add(new NodeView(id, type, pool, state, standby, gpus, allocated, allocated, models, Instant.EPOCH));
    return this;
  }

  /** A one-GPU node of the pool {@code h100} as a property generates it: its state, standby or not, its pods (0 or 1) and cached models. */
  public record NodeSpec(NodeState state, boolean standby, int pods, Set<String> models) {}

  /**
   * Adds a p5.4xlarge node n00, n01, ... of the pool {@code h100} per spec, a ready pod on each
   * one that holds one, and {@code waiting} pending pods. Returns the nodes by id, as added.
   */
  public Map<String, NodeView> oneGpuNodes(List<NodeSpec> specs, int waiting) {
    Map<String, NodeView> byId = new HashMap<>();
    for (int i = 0; i < specs.size(); i++) {
      NodeSpec s = specs.get(i);
      String id = String.format("n%02d", i);
      node(id, "h100", "p5.4xlarge", s.state(), s.standby(), 1, s.pods(), s.models());
      if (s.pods() > 0) {
        pod("p" + i, id, PodPhase.READY);
      }
      byId.put(id, nodes.get(nodes.size() - 1));
    }
    for (int i = 0; i < waiting; i++) {
      pod("w" + i, null, PodPhase.PENDING);
    }
    return byId;
  }

  /** A sample at time t with the given ready replicas and in-flight requests. */
  public FakeCluster sample(double t, int ready, double inFlight) {
    samples
        .computeIfAbsent("chat", k -> new ArrayList<>())
        .add(new ServiceSample(Instant.ofEpochSecond((long) t), ready, 0, 0, 0, 0, 0, 0, 0, 0, inFlight, 0, 0, 0));
    return this;
  }

  @Override
  public List<NodeView> nodes() {
    return nodes;
  }

  @Override
  public List<PodView> pods() {
    return pods;
  }

  @Override
  public List<ServiceSpec> services() {
    return services;
  }

  @Override
  public List<NodePool> nodePools() {
    return pools;
  }

  @Override
  public Catalog catalog() {
    return catalog;
  }

  @Override
  public List<ServiceSample> samples(String serviceId) {
    return samples.getOrDefault(serviceId, List.of());
  }
}
