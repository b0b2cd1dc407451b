package dev.ballast.operator.extender;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ballast.core.placement.Fragmentation;
import dev.ballast.core.placement.FractionPrices;
import dev.ballast.core.placement.NodeResources;
import dev.ballast.core.placement.Placement;
import dev.ballast.core.placement.PodShape;
import dev.ballast.core.placement.Scheduler;
import dev.ballast.core.placement.TypicalPods;
import dev.ballast.core.placement.GpuTypeFit;
import dev.ballast.core.placement.scorer.BallastScorer;
import dev.ballast.operator.GpuAnnotations;
import dev.ballast.operator.http.HttpEndpoint;
import dev.ballast.operator.http.ServesHttp;
import dev.ballast.operator.telemetry.OperatorMetrics;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * kube-scheduler's HTTP extender (kubernetes.io "Scheduler extender", k8s.io/kube-scheduler
 * extender/v1): {@code POST /filter}, {@code /prioritize} and {@code /bind}, on Ballast's
 * placement, which knows GPU fractions, GPU types and fragmentation. Bodies are read as Go's JSON
 * decoder reads them (field names in any case); a malformed body gets 400 with a message, never 500.
 */
public final class ExtenderServer implements ServesHttp {
  /** The highest score an extender may give (extender/v1 MaxExtenderPriority). */
  public static final int MAX_PRIORITY = 10;
  private static final int MAX_BODY = 16 * 1024 * 1024;

  /** Where the extender learns the pods on a node and binds pods. */
  public interface Cluster {
    List<Pod> podsOn(String nodeName);

    /** The pods on each of these nodes, read together: a filter over a thousand nodes is one read, not a thousand. */
    default Map<String, List<Pod>> podsOn(List<String> nodeNames) {
      Map<String, List<Pod>> byNode = new java.util.HashMap<>();
      for (String n : nodeNames) {
        byNode.put(n, podsOn(n));
      }
      return byNode;
    }

    Node node(String name);

    Pod pod(String namespace, String name);

    List<Pod> recentPods();

    void bind(String namespace, String pod, String uid, String node, String gpuIndex);
  }

  private final ObjectMapper json =
      JsonMapper.builder().enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES).disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
  private final HttpEndpoint endpoint;
  private final Cluster cluster;
  private final OperatorMetrics telemetry;
  /** The fraction prices of the last typical pods seen: kept while the recent pods' mix stays the same. */
  private volatile Priced priced = new Priced(null, FractionPrices.NONE);

  private record Priced(TypicalPods typical, FractionPrices prices) {}

  public ExtenderServer(InetSocketAddress address, Cluster cluster, OperatorMetrics telemetry) throws IOException {
    this.cluster = cluster;
    this.telemetry = telemetry;
    this.endpoint = new HttpEndpoint(HttpServer.create(address, 0), 4, "ballast-http-")
        .route("/filter", ex -> handle(ex, "filter"))
        .route("/prioritize", ex -> handle(ex, "prioritize"))
        .route("/bind", ex -> handle(ex, "bind"));
  }

  @Override
  public HttpEndpoint endpoint() {
    return endpoint;
  }

  private void handle(HttpExchange ex, String verb) throws IOException {
    int code;
    byte[] out;
    try {
      if (!"POST".equals(ex.getRequestMethod())) {
        code = 405;
        out = error("use POST for /" + verb);
      } else {
        JsonNode body = read(ex.getRequestBody());
        out = json.writeValueAsBytes(switch (verb) {
          case "filter" -> filter(body);
          case "prioritize" -> prioritize(body);
          default -> bind(body);
        });
        code = 200;
      }
    } catch (BadRequest e) {
      code = 400;
      out = error(e.getMessage());
    } catch (RuntimeException e) {
      code = 400;
      out = error("cannot handle this request: " + e.getClass().getSimpleName() + ": " + e.getMessage());
    }
    telemetry.extender(verb, code);
    ex.getResponseHeaders().add("Content-Type", "application/json");
    ex.sendResponseHeaders(code, out.length);
    try (OutputStream os = ex.getResponseBody()) {
      os.write(out);
    }
  }

  private JsonNode read(InputStream in) throws IOException {
    byte[] bytes = in.readNBytes(MAX_BODY + 1);
    if (bytes.length > MAX_BODY) {
      throw new BadRequest("body larger than " + MAX_BODY + " bytes");
    }
    try {
      JsonNode n = json.readTree(bytes);
      if (n == null || !n.isObject()) {
        throw new BadRequest("expected a JSON object");
      }
      return n;
    } catch (IOException e) {
      throw new BadRequest("malformed JSON: " + firstLine(e.getMessage()));
    }
  }

  private ObjectNode filter(JsonNode args) {
    Pod pod = pod(args);
    PodShape shape = shape(pod);
    ObjectNode result = json.createObjectNode();
    Map<String, String> failed = new LinkedHashMap<>();
    List<Node> passedNodes = new ArrayList<>();
    List<String> passedNames = new ArrayList<>();
    List<Candidate> cs = candidates(args);
    Map<String, List<Pod>> podsByNode = cluster.podsOn(cs.stream().map(Candidate::name).toList());
    for (Candidate c : cs) {
      NodeResources n = ClusterGpuState.forPod(c.node(), podsByNode.getOrDefault(c.name(), List.of()), pod);
      if (n.fits(shape)) {
        passedNodes.add(c.node());
        passedNames.add(c.name());
      } else {
        long mib = GpuAnnotations.memoryMib(pod);
        String leftFor = shape.sharesGpu() ? " to " + GpuAnnotations.sharingMode(pod) + " pods" + (mib > 0 ? " of " + mib + " MiB" : "") : "";
        failed.put(c.name(), "ballast: " + describe(shape) + " does not fit (" + n.gpuType() + ", GPU milli left" + leftFor + " "
            + java.util.Arrays.toString(n.gpuMilliLeft()) + ")");
      }
    }
    if (args.has("nodes") || args.has("Nodes")) {
      ObjectNode list = result.putObject("Nodes");
      list.put("apiVersion", "v1").put("kind", "NodeList");
      ArrayNode items = list.putArray("items");
      passedNodes.forEach(n -> items.add(json.valueToTree(n)));
    } else {
      passedNames.forEach(result.putArray("NodeNames")::add);
    }
    ObjectNode f = result.putObject("FailedNodes");
    failed.forEach(f::put);
    result.put("Error", "");
    return result;
  }

  private ArrayNode prioritize(JsonNode args) {
    Pod pod = pod(args);
    PodShape shape = shape(pod);
    List<Candidate> cs = candidates(args);
    List<NodeResources> nodes = new ArrayList<>();
    Map<String, List<Pod>> podsByNode = cluster.podsOn(cs.stream().map(Candidate::name).toList());
    for (Candidate c : cs) {
      nodes.add(ClusterGpuState.forPod(c.node(), podsByNode.getOrDefault(c.name(), List.of()), pod));
    }
    BallastScorer scorer = scorer(GpuTypeFit.preference(GpuAnnotations.preferredTypes(pod)));
    scorer.beginPod(shape, nodes); // the look-ahead weighs the candidates kube-scheduler sent
    double[] scores = new double[nodes.size()];
    for (int i = 0; i < nodes.size(); i++) {
      scores[i] = nodes.get(i).fits(shape) ? scorer.score(shape, nodes.get(i)) : Double.NaN;
    }
    if (shape.gpuCount() > 0 && Arrays.stream(scores).filter(v -> !Double.isNaN(v)).distinct().count() == 1) {
      packFullestFirst(shape, nodes, scores); // the scores tie: say which node packing prefers
    }
    double hi = Arrays.stream(scores).filter(v -> !Double.isNaN(v)).max().orElse(0);
    double lo = Arrays.stream(scores).filter(v -> !Double.isNaN(v)).min().orElse(0);
    ArrayNode out = json.createArrayNode();
    for (int i = 0; i < nodes.size(); i++) {
      long s = Double.isNaN(scores[i]) ? 0 : hi == lo ? MAX_PRIORITY : Math.round(MAX_PRIORITY * (scores[i] - lo) / (hi - lo));
      out.addObject().put("Host", cs.get(i).name()).put("Score", s);
    }
    return out;
  }

  /**
   * Where Ballast's scores tie, as they do for one-GPU replicas of one shape (every free GPU suits
   * the next one alike), the fuller node wins: each score becomes the share of the node's GPU milli
   * in use once the pod is on it. kube-scheduler's default scoring spreads (LeastAllocated); packing
   * lets the capacity that services give back empty whole nodes, which can then go.
   */
  private static void packFullestFirst(PodShape shape, List<NodeResources> nodes, double[] scores) {
    for (int i = 0; i < nodes.size(); i++) {
      NodeResources n = nodes.get(i);
      if (!Double.isNaN(scores[i]) && n.gpuCount() > 0) {
        long capacity = (long) n.gpuCount() * PodShape.MILLI;
        scores[i] = (double) (capacity - n.totalGpuMilliLeft() + shape.totalGpuMilli()) / capacity;
      }
    }
  }

  private ObjectNode bind(JsonNode args) {
    String name = text(args, "podName");
    String ns = text(args, "podNamespace");
    String node = text(args, "node");
    String uid = args.has("podUID") ? args.get("podUID").asText() : args.path("PodUID").asText("");
    ObjectNode result = json.createObjectNode();
    Pod pod = cluster.pod(ns, name);
    String index = "";
    if (pod != null) {
      PodShape shape = shape(pod);
      Node n = cluster.node(node);
      if (n != null && shape.gpuCount() > 0) {
        NodeResources nr = ClusterGpuState.forPod(n, cluster.podsOn(node), pod);
        Placement p = new Scheduler(scorer(GpuTypeFit.NONE)).place(shape, List.of(nr), new SplittableRandom(1));
        if (!p.placed()) {
          result.put("Error", "ballast: " + p.reason());
          return result;
        }
        StringBuilder b = new StringBuilder();
        for (int g : p.gpus()) {
          b.append(b.isEmpty() ? "" : "-").append(g);
        }
        index = b.toString();
      }
    }
    cluster.bind(ns, name, uid, node, index);
    result.put("Error", "");
    return result;
  }

  /** Ballast's scorer over the cluster's typical pods, their fraction prices solved again only when the mix changed. */
  private BallastScorer scorer(GpuTypeFit fit) {
    TypicalPods typical = typical();
    Priced known = priced;
    if (!typical.equals(known.typical())) {
      known = new Priced(typical, FractionPrices.of(typical));
      priced = known;
    }
    return new BallastScorer(new Fragmentation(typical), known.prices(), fit);
  }

  private TypicalPods typical() {
    List<PodShape> shapes = new ArrayList<>();
    for (Pod p : cluster.recentPods()) {
      try {
        shapes.add(GpuAnnotations.shape(p));
      } catch (IllegalArgumentException e) {
        // skip
      }
    }
    if (shapes.isEmpty()) {
      shapes.add(new PodShape("default", 4000, 16_384, 1, 1000, ""));
    }
    return TypicalPods.of(shapes, 0.95);
  }

  private record Candidate(String name, Node node) {}

  private List<Candidate> candidates(JsonNode args) {
    List<Candidate> out = new ArrayList<>();
    JsonNode nodes = field(args, "nodes");
    if (nodes != null && !nodes.isNull()) {
      JsonNode items = nodes.get("items");
      if (items == null || !items.isArray()) {
        throw new BadRequest("Nodes must be a NodeList with items");
      }
      for (JsonNode item : items) {
        Node n = convert(item, Node.class, "a node");
        if (n.getMetadata() == null || n.getMetadata().getName() == null) {
          throw new BadRequest("a node without metadata.name");
        }
        out.add(new Candidate(n.getMetadata().getName(), n));
      }
      return out;
    }
    JsonNode names = field(args, "nodenames");
    if (names == null || !names.isArray()) {
      throw new BadRequest("need Nodes (a NodeList) or NodeNames");
    }
    for (JsonNode n : names) {
      Node node = cluster.node(n.asText());
      if (node != null) {
        out.add(new Candidate(n.asText(), node));
      }
    }
    return out;
  }

  private Pod pod(JsonNode args) {
    JsonNode p = field(args, "pod");
    if (p == null || !p.isObject()) {
      throw new BadRequest("missing Pod");
    }
    Pod pod = convert(p, Pod.class, "the pod");
    if (pod.getMetadata() == null) {
      throw new BadRequest("the pod has no metadata");
    }
    return pod;
  }

  private static PodShape shape(Pod pod) {
    try {
      return GpuAnnotations.shape(pod);
    } catch (IllegalArgumentException e) {
      throw new BadRequest(e.getMessage());
    }
  }

  private <T> T convert(JsonNode n, Class<T> type, String what) {
    try {
      return SERIALIZATION.unmarshal(n.toString(), type);
    } catch (RuntimeException e) {
      throw new BadRequest(what + " is not valid: " + firstLine(e.getMessage()));
    }
  }

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private static JsonNode field(JsonNode n, String lowerName) {
    var it = n.fieldNames();
    while (it.hasNext()) {
      String f = it.next();
      if (f.equalsIgnoreCase(lowerName)) {
        return n.get(f);
      }
    }
    return null;
  }

  private static String text(JsonNode n, String name) {
    JsonNode v = field(n, name);
    if (v == null || !v.isTextual() || v.asText().isBlank()) {
      throw new BadRequest("missing " + name);
    }
    return v.asText();
  }

  private static String describe(PodShape s) {
    return s.gpuCount() == 0 ? "a pod without GPUs" : s.sharesGpu() ? s.gpuMilli() + "m of a GPU" : s.gpuCount() + " GPU";
  }

  private byte[] error(String message) {
    return ("{\"Error\":" + quote(message) + "}").getBytes(StandardCharsets.UTF_8);
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", " ") + "\"";
  }

  private static String firstLine(String m) {
    if (m == null) {
      return "";
    }
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }

  /** A request Ballast cannot serve as sent. */
  static final class BadRequest extends RuntimeException {
    BadRequest(String message) {
      super(message);
    }
  }
}
