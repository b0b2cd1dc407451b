package dev.ballast.sim.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ballast.core.service.ServiceSpec;
import dev.ballast.sim.run.Comparison;
import dev.ballast.sim.run.RunResult;
import dev.ballast.sim.run.ServiceResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a comparison as JSON (schema in docs/simulate.md). Only simulated quantities go in, no
 * wall-clock times, so the same inputs and seed give byte-identical files.
 */
public final class ResultJson {
  public static final int SCHEMA_VERSION = 1;
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ResultJson() {}

  public static ObjectNode toJson(Comparison.Result c) {
    ObjectNode root = JSON.createObjectNode();
    root.put("schemaVersion", SCHEMA_VERSION);
    ObjectNode sc = root.putObject("scenario");
    sc.put("name", c.scenario().name());
    sc.put("trace", c.scenario().trace().name());
    sc.put("seed", c.seed());
    sc.put("durationSeconds", round(c.scenario().trace().endSeconds(), 3));
    sc.put(
        "warmupSeconds",
        round(dev.ballast.sim.scenario.TwinSettings.warmupSeconds(c.scenario().settings(), c.scenario().trace().endSeconds()), 3));
    ArrayNode services = sc.putArray("services");
    for (ServiceSpec s : c.scenario().services()) {
      ObjectNode n = services.addObject();
      n.put("id", s.id());
      n.put("model", s.modelId());
      n.put("gpuType", c.scenario().deploymentGpuType().get(s.id()));
      s.allowedGpuTypes().forEach(n.putArray("allowedGpuTypes")::add);
      n.put("ttftTargetSeconds", s.slo().ttftTargetSeconds());
      n.put("sloShare", s.slo().targetShare());
      n.put("minReplicas", s.minReplicas());
      n.put("maxReplicas", s.maxReplicas());
    }
    ObjectNode bound = root.putObject("bound");
    bound.put("costUsd", round(c.bound().costUsd(), 6));
    bound.put("gpuHours", round(c.bound().gpuHours(), 6));
    bound.put("requests", c.bound().requests());
    bound.put("excludedTooLong", c.bound().excludedTooLong());
    bound.put(
        "definition",
        "work-conserving: every servable request's prefill and decode GPU-seconds at the full batch of the"
            + " cheapest eligible GPU type, at the lowest GPU-second price any node pool offers (docs/concepts.md)");
    Frontier frontier = Frontier.of(c.runs());
    ObjectNode fr = root.putObject("frontier");
    ArrayNode fams = fr.putArray("families");
    for (String family : frontier.families().keySet()) {
      ObjectNode fam = fams.addObject();
      fam.put("family", family);
      ArrayNode front = fam.putArray("front");
      for (Frontier.Point p : frontier.front(family)) {
        front.addObject().put("policy", p.name()).put("sloAttainment", round(p.attainment(), 6)).put("costUsd", round(p.costUsd(), 6));
      }
      ArrayNode at = fam.putArray("costAt");
      for (double a : FrontierTable.ATTAINMENTS) {
        Frontier.CostAt ca = frontier.costAt(family, a);
        ObjectNode n = at.addObject().put("sloAttainment", a).put("costUsd", round(ca.costUsd(), 6)).put("reached", ca.reached());
        if (!ca.reached()) {
          n.put("highestAttainment", round(ca.attainedInstead(), 6));
        }
      }
    }
    ArrayNode policies = root.putArray("policies");
    for (RunResult r : c.runs()) {
      ObjectNode p = policies.addObject();
      p.put("name", r.policy());
      p.put("costUsd", round(r.costUsd(), 6));
      p.put("boundMultiple", round(c.bound().costUsd() > 0 ? r.costUsd() / c.bound().costUsd() : Double.NaN, 6));
      p.put("gpuHours", round(r.gpuHours(), 6));
      p.put("idleGpuHours", round(r.idleGpuHours(), 6));
      p.put("sloAttainment", round(r.sloAttainment(), 6));
      p.put("requests", r.requests());
      p.put("served", r.served());
      p.put("failed", r.failed());
      ObjectNode failures = p.putObject("failures");
      r.failures().forEach(failures::put);
      p.put("ttftP50Ms", round(r.ttftP50Ms(), 3));
      p.put("ttftP99Ms", round(r.ttftP99Ms(), 3));
      p.put("e2eP50Ms", round(r.e2eP50Ms(), 3));
      p.put("e2eP99Ms", round(r.e2eP99Ms(), 3));
      p.put("coldStarts", r.coldStarts());
      p.put("coldStartRequests", r.coldStartRequests());
      p.put("meanReplicas", round(r.meanReplicas(), 3));
      p.put("peakReplicas", r.peakReplicas());
      p.put("servedBoundUsd", round(r.servedBoundUsd(), 6));
      p.put("decisions", r.decisions());
      p.put("servicesMeasured", r.servicesMeasured());
      p.put("servicesMeetingSlo", r.servicesMeetingSlo());
      ArrayNode perService = p.putArray("services");
      for (ServiceResult s : r.services()) {
        perService
            .addObject()
            .put("id", s.serviceId())
            .put("requests", s.requests())
            .put("sloAttainment", round(s.attainment(), 6))
            .put("meetsSlo", s.meetsSlo())
            .put("failed", s.failed())
            .put("coldStartRequests", s.coldStartRequests())
            .put("heldUsd", round(s.heldUsd(), 6));
      }
    }
    return root;
  }

  public static void write(Comparison.Result c, Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    JSON.writeValue(file.toFile(), toJson(c));
  }

  public static String toString(Comparison.Result c) throws IOException {
    return JSON.writeValueAsString(toJson(c));
  }

  private static double round(double v, int digits) {
    if (!Double.isFinite(v)) {
      return v;
    }
    return new java.math.BigDecimal(v).setScale(digits, java.math.RoundingMode.HALF_EVEN).doubleValue();
  }
}
