package dev.ballast.sim.conformance;

import static dev.ballast.sim.conformance.Json.optDouble;
import static dev.ballast.sim.conformance.Json.optInt;
import static dev.ballast.sim.conformance.Json.present;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ballast.sim.baseline.kpa.Decider;
import dev.ballast.sim.baseline.kpa.DeciderSpec;
import dev.ballast.sim.baseline.kpa.ScaleToZeroGate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Runs Knative KPA vectors (decider and scale-to-zero gate) against the KPA baseline's code. */
final class KpaVectors {
  private KpaVectors() {}

  static String run(JsonNode in, JsonNode exp) {
    return switch (in.get("kind").asText()) {
      case "decider-sequence" -> sequence(in, exp);
      case "decider-init" -> init(in, exp);
      case "scale-to-zero-gate" -> gate(in, exp);
      default -> throw new IllegalArgumentException("unknown kpa kind " + in.get("kind").asText());
    };
  }

  private static DeciderSpec spec(JsonNode s) {
    return new DeciderSpec(
        s.get("targetValue").asDouble(),
        s.path("totalValue").asDouble(),
        s.path("targetBurstCapacity").asDouble(),
        s.get("panicThreshold").asDouble(),
        s.get("maxScaleUpRate").asDouble(),
        s.get("maxScaleDownRate").asDouble(),
        s.path("stableWindowSeconds").asDouble(),
        s.path("scaleDownDelaySeconds").asDouble(),
        s.path("reachable").asBoolean(true),
        s.path("activationScale").asInt(0));
  }

  private static String init(JsonNode in, JsonNode exp) {
    Decider d = new Decider(spec(in.has("spec") ? in.get("spec") : defaultSpec()), in.get("initialReadyPods").asInt(), 0);
    List<String> diffs = new ArrayList<>();
    if (exp.has("panicking") && exp.get("panicking").asBoolean() != d.panicking()) {
      diffs.add("panicking " + d.panicking());
    }
    HpaVectors.check(diffs, exp, "maxPanicPods", d.maxPanicPods());
    return diffs.isEmpty() ? null : String.join("; ", diffs);
  }

  private static JsonNode defaultSpec() {
    var n = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    n.put("targetValue", 1).put("panicThreshold", 2).put("maxScaleUpRate", 10).put("maxScaleDownRate", 2);
    return n;
  }

  private static String sequence(JsonNode in, JsonNode exp) {
    Decider d = new Decider(spec(in.get("spec")), in.path("initialReadyPods").asInt(0), 0);
    if (in.has("initialState")) {
      JsonNode s = in.get("initialState");
      d.restore(optDouble(s, "panicSinceSeconds"), s.path("maxPanicPods").asInt(0));
    }
    long tolerance = exp.path("excessBurstCapacityTolerance").asLong(0);
    List<String> diffs = new ArrayList<>();
    JsonNode steps = in.get("steps");
    for (int i = 0; i < steps.size(); i++) {
      JsonNode step = steps.get(i);
      JsonNode want = exp.get("steps").get(i);
      if (present(step, "specChange")) {
        d.update(spec(step.get("specChange")));
      }
      Decider.Recommendation r;
      if (step.path("metricsError").asBoolean(false) || step.path("podCountError").asBoolean(false)) {
        r = d.invalid();
      } else {
        r = d.tick(step.get("atSeconds").asDouble(), step.get("readyPods").asInt(), step.get("observedStable").asDouble(), step.get("observedPanic").asDouble());
      }
      String at = "step " + i + " (t=" + step.get("atSeconds").asText() + "): ";
      if (want.has("scaleValid") && want.get("scaleValid").asBoolean() != r.scaleValid()) {
        diffs.add(at + "scaleValid " + r.scaleValid());
      }
      if (r.scaleValid() || !want.path("scaleValid").asBoolean(true)) {
        if (present(want, "desiredPodCount") && want.get("desiredPodCount").asInt() != r.desiredPodCount()) {
          diffs.add(at + "desired " + r.desiredPodCount() + " != " + want.get("desiredPodCount").asInt());
        }
        if (present(want, "excessBurstCapacity") && Math.abs(want.get("excessBurstCapacity").asLong() - r.excessBurstCapacity()) > tolerance) {
          diffs.add(at + "excessBurstCapacity " + r.excessBurstCapacity() + " != " + want.get("excessBurstCapacity").asLong());
        }
      }
      if (present(want, "panicking") && want.get("panicking").asBoolean() != r.panicking()) {
        diffs.add(at + "panicking " + r.panicking());
      }
      if (present(want, "panicSinceSeconds") && want.get("panicSinceSeconds").asDouble() != r.panicSinceSeconds()) {
        diffs.add(at + "panicSince " + r.panicSinceSeconds() + " != " + want.get("panicSinceSeconds").asDouble());
      }
    }
    return diffs.isEmpty() ? null : String.join("; ", diffs);
  }

  private static String gate(JsonNode in, JsonNode exp) {
    JsonNode c = in.get("config");
    JsonNode a = in.path("annotations");
    ScaleToZeroGate.Config config =
        new ScaleToZeroGate.Config(
            c.get("enableScaleToZero").asBoolean(),
            c.get("stableWindowSeconds").asDouble(),
            c.get("scaleToZeroGracePeriodSeconds").asDouble(),
            c.get("scaleToZeroPodRetentionPeriodSeconds").asDouble(),
            c.get("progressDeadlineSeconds").asDouble(),
            c.path("activationTimeoutBufferSeconds").asDouble(30),
            c.get("targetBurstCapacity").asDouble(),
            c.get("minScale").asInt(),
            c.get("maxScale").asInt(),
            c.get("initialScale").asInt(),
            c.get("allowZeroInitialScale").asBoolean());
    ScaleToZeroGate.Annotations ann =
        new ScaleToZeroGate.Annotations(
            optInt(a, "minScale"),
            optInt(a, "maxScale"),
            optDouble(a, "windowSeconds"),
            optDouble(a, "scaleToZeroPodRetentionSeconds"),
            optDouble(a, "targetBurstCapacity"),
            optInt(a, "initialScale"),
            optDouble(a, "progressDeadlineSeconds"));
    String probe = in.path("activatorProbe").asText("success");
    boolean[] probed = {false};
    ScaleToZeroGate.Outcome out =
        ScaleToZeroGate.decide(
            new ScaleToZeroGate.Input(
                config,
                ann,
                switch (in.path("reachability").asText("")) {
                  case "Reachable" -> ScaleToZeroGate.Reachability.REACHABLE;
                  case "Unreachable" -> ScaleToZeroGate.Reachability.UNREACHABLE;
                  default -> ScaleToZeroGate.Reachability.UNKNOWN;
                },
                switch (in.get("paActive").asText()) {
                  case "True" -> ScaleToZeroGate.Activity.ACTIVE;
                  case "False" -> ScaleToZeroGate.Activity.INACTIVE;
                  default -> ScaleToZeroGate.Activity.ACTIVATING;
                },
                in.get("paInStateForSeconds").asDouble(),
                in.get("scaleTargetInitialized").asBoolean(),
                in.path("sks").path("proxyForSeconds").asDouble(0),
                () -> {
                  probed[0] = true;
                  return switch (probe) {
                    case "success" -> ScaleToZeroGate.ProbeResult.SUCCESS;
                    case "failure" -> ScaleToZeroGate.ProbeResult.FAILURE;
                    default -> ScaleToZeroGate.ProbeResult.ERROR;
                  };
                },
                in.get("currentReplicas").asInt(),
                in.get("desiredScale").asInt()));
    List<String> diffs = new ArrayList<>();
    if ("must-not-be-called".equals(probe.toLowerCase(Locale.ROOT)) && probed[0]) {
      diffs.add("the activator probe was called");
    }
    HpaVectors.check(diffs, exp, "returnedScale", out.returnedScale());
    Integer patched = out.patchedReplicas(in.get("currentReplicas").asInt());
    if (exp.has("patchedReplicas")) {
      Integer want = present(exp, "patchedReplicas") ? exp.get("patchedReplicas").asInt() : null;
      if (!java.util.Objects.equals(want, patched)) {
        diffs.add("patchedReplicas " + patched + " != " + want);
      }
    }
    if (present(exp, "requeue") && exp.get("requeue").asBoolean() != out.requeue()) {
      diffs.add("requeue " + out.requeue());
    }
    if (present(exp, "asyncProbeStarted") && exp.get("asyncProbeStarted").asBoolean() != out.asyncProbeStarted()) {
      diffs.add("asyncProbeStarted " + out.asyncProbeStarted());
    }
    return diffs.isEmpty() ? null : String.join("; ", diffs);
  }
}
