package dev.ballast.operator.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.ballast.operator.http.HttpEndpoint;
import dev.ballast.operator.http.ServesHttp;
import dev.ballast.operator.telemetry.OperatorMetrics;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;

/**
 * The mutating admission webhook (AdmissionReview {@code admission.k8s.io/v1}, over TLS) at
 * {@code POST /mutate}: for pods that ask Ballast for a GPU fraction it injects the limits'
 * environment ({@link GpuMutation}) as a JSON patch, and refuses invalid requests with a message.
 * A body that is not an AdmissionReview gets 400, never 500.
 */
public final class AdmissionWebhookServer implements ServesHttp {
  private static final int MAX_BODY = 8 * 1024 * 1024;
  private final ObjectMapper json = new ObjectMapper();
  private final KubernetesSerialization serialization = new KubernetesSerialization();
  private final HttpEndpoint endpoint;
  private final OperatorMetrics telemetry;

  public AdmissionWebhookServer(InetSocketAddress address, SSLContext tls, OperatorMetrics telemetry) throws IOException {
    this.telemetry = telemetry;
    HttpsServer server = HttpsServer.create(address, 0);
    server.setHttpsConfigurator(new HttpsConfigurator(tls));
    endpoint = new HttpEndpoint(server, 4, "ballast-https-").route("/mutate", this::handle);
  }

  @Override
  public HttpEndpoint endpoint() {
    return endpoint;
  }

  private void handle(HttpExchange ex) throws IOException {
    int code = 200;
    byte[] out;
    try {
      if (!"POST".equals(ex.getRequestMethod())) {
        code = 405;
        out = error("use POST");
      } else {
        byte[] body = ex.getRequestBody().readNBytes(MAX_BODY + 1);
        if (body.length > MAX_BODY) {
          throw new IllegalStateException("body larger than " + MAX_BODY + " bytes");
        }
        out = json.writeValueAsBytes(review(json.readTree(body)));
      }
    } catch (IOException | IllegalStateException e) {
      code = 400;
      out = error("not an AdmissionReview: " + firstLine(e.getMessage()));
    } catch (RuntimeException e) {
      code = 400;
      out = error("cannot handle this request: " + firstLine(e.getMessage()));
    }
    ex.getResponseHeaders().add("Content-Type", "application/json");
    ex.sendResponseHeaders(code, out.length);
    try (OutputStream os = ex.getResponseBody()) {
      os.write(out);
    }
  }

  ObjectNode review(JsonNode review) {
    if (review == null || !review.isObject() || !review.path("request").isObject()) {
      throw new IllegalStateException("expected {apiVersion: admission.k8s.io/v1, kind: AdmissionReview, request: {...}}");
    }
    JsonNode request = review.get("request");
    String uid = request.path("uid").asText("");
    if (uid.isEmpty()) {
      throw new IllegalStateException("request.uid is missing");
    }
    ObjectNode out = json.createObjectNode();
    out.put("apiVersion", "admission.k8s.io/v1").put("kind", "AdmissionReview");
    ObjectNode response = out.putObject("response");
    response.put("uid", uid);
    JsonNode object = request.path("object");
    if (!object.isObject() || !"Pod".equals(object.path("kind").asText("Pod"))) {
      response.put("allowed", true); // not a pod: not ours
      telemetry.webhook(true);
      return out;
    }
    Pod pod;
    try {
      pod = serialization.unmarshal(object.toString(), Pod.class);
    } catch (RuntimeException e) {
      throw new IllegalStateException("request.object is not a Pod: " + firstLine(e.getMessage()));
    }
    try {
      Map<String, String> env = GpuMutation.environment(pod);
      Map<String, String> refs = GpuMutation.fieldReferences(pod);
      response.put("allowed", true);
      if (!env.isEmpty() || !refs.isEmpty()) {
        List<Map<String, Object>> ops = GpuMutation.patch(pod, env, refs);
        if (!ops.isEmpty()) {
          response.put("patchType", "JSONPatch");
          response.put("patch", Base64.getEncoder().encodeToString(json.writeValueAsBytes(ops)));
        }
      }
      telemetry.webhook(true);
    } catch (IllegalArgumentException e) {
      response.put("allowed", false);
      response.putObject("status").put("code", 400).put("message", "ballast: " + e.getMessage());
      telemetry.webhook(false);
    } catch (IOException e) {
      throw new IllegalStateException(e.getMessage());
    }
    return out;
  }

  private byte[] error(String message) {
    ObjectNode n = json.createObjectNode().put("error", message);
    return n.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String firstLine(String m) {
    if (m == null) {
      return "";
    }
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
