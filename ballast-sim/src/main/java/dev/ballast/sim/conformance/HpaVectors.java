package dev.ballast.sim.conformance;

import static dev.ballast.sim.conformance.Json.optDouble;
import static dev.ballast.sim.conformance.Json.optInt;
import static dev.ballast.sim.conformance.Json.optLong;
import static dev.ballast.sim.conformance.Json.present;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ballast.sim.baseline.hpa.Behavior;
import dev.ballast.sim.baseline.hpa.MetricPod;
import dev.ballast.sim.baseline.hpa.ReplicaCalculator;
import dev.ballast.sim.baseline.hpa.ScalingRules;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/** Runs HPA vectors (replica calculation and behavior) against the HPA baseline's code. */
final class HpaVectors {
  private HpaVectors() {}

  /** Returns null when the case passes, else what differed. */
  static String replicaCalc(JsonNode in, JsonNode exp) {
    String kind = in.get("kind").asText();
    if (kind.equals("group-pods")) {
      return groupPods(in, exp);
    }
    int current = in.path("currentReplicas").asInt();
    double tol = in.path("tolerance").asDouble(0.1);
    ReplicaCalculator.Result r;
    try {
      r =
          switch (kind) {
            case "resource-utilization" -> {
              Map<String, Long> extra = new LinkedHashMap<>();
              for (JsonNode e : in.path("extraSamples")) {
                extra.put(e.get("name").asText(), e.get("usageMilli").asLong());
              }
              yield ReplicaCalculator.resourceUtilization(
                  current,
                  in.get("targetUtilizationPercent").asInt(),
                  tol,
                  pods(in, "usageMilli"),
                  extra,
                  "cpu".equals(in.path("resource").asText()),
                  in.path("cpuInitializationPeriodSeconds").asDouble(120));
            }
            case "pods-average-value" ->
                ReplicaCalculator.podsAverageValue(current, in.get("targetAverageValueMilli").asLong(), tol, pods(in, "valueMilli"));
            case "object-value" ->
                ReplicaCalculator.value(current, in.get("objectValueMilli").asLong(), in.get("targetValueMilli").asLong(), tol, pods(in, "valueMilli"));
            case "external-value" ->
                ReplicaCalculator.value(current, sum(in.get("externalValuesMilli")), in.get("targetValueMilli").asLong(), tol, pods(in, "valueMilli"));
            case "object-average-value" ->
                ReplicaCalculator.averageValue(current, in.get("objectValueMilli").asLong(), in.get("targetAverageValueMilli").asLong(), tol);
            case "external-average-value" ->
                ReplicaCalculator.averageValue(current, sum(in.get("externalValuesMilli")), in.get("targetAverageValueMilli").asLong(), tol);
            default -> throw new IllegalArgumentException("unknown hpa-replica-calc kind " + kind);
          };
    } catch (ReplicaCalculator.NoRecommendation e) {
      return exp.path("error").asBoolean() ? null : "failed: " + e.getMessage();
    }
    if (exp.path("error").asBoolean()) {
      return "expected an error, got " + r.desiredReplicas() + " replicas";
    }
    List<String> diffs = new ArrayList<>();
    check(diffs, exp, "desiredReplicas", r.desiredReplicas());
    for (String f : List.of("utilizationPercent", "averageValueMilli", "valueMilli")) {
      check(diffs, exp, f, r.reported());
    }
    return diffs.isEmpty() ? null : String.join("; ", diffs);
  }

  private static String groupPods(JsonNode in, JsonNode exp) {
    List<ReplicaCalculator.TimedPod> pods = new ArrayList<>();
    for (JsonNode p : in.get("pods")) {
      JsonNode rc = p.get("readyCondition");
      JsonNode s = p.get("sample");
      pods.add(
          new ReplicaCalculator.TimedPod(
              p.get("name").asText(),
              p.path("phase").asText("Running"),
              p.path("deleting").asBoolean(false),
              optDouble(p, "startedSecondsAgo"),
              rc == null || rc.isNull()
                  ? null
                  : new ReplicaCalculator.ReadyCondition(
                      rc.get("status").asText().equalsIgnoreCase("true") || rc.get("status").asBoolean(false),
                      optDouble(rc, "lastTransitionSecondsAgo")),
              s == null || s.isNull() ? null : new ReplicaCalculator.TimedSample(optDouble(s, "secondsAgo"), s.path("windowSeconds").asDouble())));
    }
    ReplicaCalculator.Groups g =
        ReplicaCalculator.groupPods(
            pods,
            "cpu".equals(in.path("resource").asText()),
            in.path("cpuInitializationPeriodSeconds").asDouble(120),
            in.path("delayOfInitialReadinessStatusSeconds").asDouble(10));
    List<String> diffs = new ArrayList<>();
    check(diffs, exp, "readyCount", g.readyCount());
    checkNames(diffs, exp, "unready", g.unready());
    checkNames(diffs, exp, "missing", g.missing());
    checkNames(diffs, exp, "ignored", g.ignored());
    return diffs.isEmpty() ? null : String.join("; ", diffs);
  }

  static String behavior(JsonNode in, JsonNode exp) {
    String kind = in.get("kind").asText();
    List<String> diffs = new ArrayList<>();
    switch (kind) {
      case "stabilize" -> {
        Behavior.Stabilized s =
            Behavior.stabilize(
                in.get("currentReplicas").asInt(),
                in.get("desiredReplicas").asInt(),
                in.get("scaleUpStabilizationWindowSeconds").asInt(),
                in.get("scaleDownStabilizationWindowSeconds").asInt(),
                recommendations(in));
        check(diffs, exp, "stabilizedReplicas", s.replicas());
        if (exp.has("recommendationsAfter")) {
          List<Integer> want = new ArrayList<>();
          exp.get("recommendationsAfter").forEach(n -> want.add(n.asInt()));
          if (!want.equals(s.recommendationsAfter())) {
            diffs.add("recommendationsAfter " + s.recommendationsAfter() + " != " + want);
          }
        }
      }
      case "stabilize-legacy" -> {
        Behavior.Stabilized s =
            Behavior.stabilizeLegacy(in.get("desiredReplicas").asInt(), in.get("downscaleStabilizationWindowSeconds").asInt(), recommendations(in));
        check(diffs, exp, "stabilizedReplicas", s.replicas());
        check(diffs, exp, "recommendationCountAfter", s.recommendationsAfter().size());
      }
      case "bounds-legacy" -> {
        Behavior.Limited l =
            Behavior.boundsLegacy(
                in.get("currentReplicas").asInt(), in.get("desiredReplicas").asInt(), in.get("minReplicas").asInt(), in.get("maxReplicas").asInt());
        check(diffs, exp, "replicas", l.replicas());
        checkText(diffs, exp, "limitReason", l.reason());
      }
      case "rate-limit" -> {
        Behavior.Limited l =
            Behavior.rateLimit(
                in.get("currentReplicas").asInt(),
                in.get("desiredReplicas").asInt(),
                in.get("minReplicas").asInt(),
                in.get("maxReplicas").asInt(),
                rulesOr(in.get("scaleUp"), ScalingRules.defaultUp()),
                rulesOr(in.get("scaleDown"), ScalingRules.defaultDown()),
                events(in.get("scaleUpEvents")),
                events(in.get("scaleDownEvents")));
        check(diffs, exp, "replicas", l.replicas());
        checkText(diffs, exp, "limitReason", l.reason());
      }
      case "policy-limit" -> {
        boolean up = in.get("direction").asText().equals("up");
        ScalingRules rules = rulesOr(in.get("rules"), up ? ScalingRules.defaultUp() : ScalingRules.defaultDown());
        int current = in.get("currentReplicas").asInt();
        List<Behavior.ScaleEvent> ue = events(in.get("scaleUpEvents"));
        List<Behavior.ScaleEvent> de = events(in.get("scaleDownEvents"));
        int limit = up ? Behavior.scaleUpLimit(current, rules, ue, de) : Behavior.scaleDownLimit(current, rules, ue, de);
        check(diffs, exp, "limit", limit);
      }
      case "event-store" -> {
        JsonNode r = in.get("rules");
        Behavior.Stored s =
            Behavior.storeEvent(
                r == null || r.isNull() ? null : rules(r),
                events(in.get("previousEvents")),
                in.get("newReplicaChange").asInt(),
                in.get("queryPeriodSeconds").asDouble());
        check(diffs, exp, "replicaChangeInPeriodBefore", s.replicaChangeInPeriodBefore());
        List<String> got = s.eventsAfter().stream().map(e -> e.replicaChange() + "/" + e.outdated()).toList();
        List<String> want = new ArrayList<>();
        exp.get("eventsAfter").forEach(e -> want.add(e.get("replicaChange").asInt() + "/" + e.path("outdated").asBoolean(false)));
        if (!got.equals(want)) {
          diffs.add("eventsAfter " + got + " != " + want);
        }
      }
      default -> throw new IllegalArgumentException("unknown hpa-behavior kind " + kind);
    }
    return diffs.isEmpty() ? null : String.join("; ", diffs);
  }

  private static List<MetricPod> pods(JsonNode in, String valueField) {
    List<MetricPod> list = new ArrayList<>();
    for (JsonNode p : in.path("pods")) {
      list.add(
          new MetricPod(
              p.get("name").asText(),
              p.path("phase").asText("Running"),
              p.path("ready").asBoolean(true),
              p.path("deleting").asBoolean(false),
              optDouble(p, "startedSecondsAgo"),
              optLong(p, "requestMilli"),
              optLong(p, valueField)));
    }
    return list;
  }

  private static long sum(JsonNode values) {
    long s = 0;
    for (JsonNode v : values) {
      s += v.asLong();
    }
    return s;
  }

  private static List<Behavior.Recommendation> recommendations(JsonNode in) {
    List<Behavior.Recommendation> list = new ArrayList<>();
    for (JsonNode r : in.path("recommendations")) {
      list.add(new Behavior.Recommendation(r.get("replicas").asInt(), r.get("ageSeconds").asDouble()));
    }
    return list;
  }

  private static List<Behavior.ScaleEvent> events(JsonNode arr) {
    List<Behavior.ScaleEvent> list = new ArrayList<>();
    if (arr != null) {
      for (JsonNode e : arr) {
        list.add(new Behavior.ScaleEvent(e.get("replicaChange").asInt(), e.get("ageSeconds").asDouble(), e.path("outdated").asBoolean(false)));
      }
    }
    return list;
  }

  private static ScalingRules rulesOr(JsonNode n, ScalingRules fallback) {
    return n == null || n.isNull() ? fallback : rules(n);
  }

  private static ScalingRules rules(JsonNode n) {
    ScalingRules.Select select =
        present(n, "selectPolicy") ? ScalingRules.Select.valueOf(n.get("selectPolicy").asText().toUpperCase(Locale.ROOT)) : ScalingRules.Select.MAX;
    List<ScalingRules.RatePolicy> policies = new ArrayList<>();
    for (JsonNode p : n.path("policies")) {
      policies.add(
          new ScalingRules.RatePolicy(
              ScalingRules.PolicyType.valueOf(p.get("type").asText().toUpperCase(Locale.ROOT)), p.get("value").asInt(), p.get("periodSeconds").asInt()));
    }
    return new ScalingRules(select, optInt(n, "stabilizationWindowSeconds"), policies);
  }

  static void check(List<String> diffs, JsonNode exp, String field, long actual) {
    if (present(exp, field) && exp.get(field).asLong() != actual) {
      diffs.add(field + " " + actual + " != expected " + exp.get(field).asLong());
    }
  }

  private static void checkText(List<String> diffs, JsonNode exp, String field, String actual) {
    if (present(exp, field) && !Objects.equals(exp.get(field).asText(), actual)) {
      diffs.add(field + " " + actual + " != expected " + exp.get(field).asText());
    }
  }

  private static void checkNames(List<String> diffs, JsonNode exp, String field, List<String> actual) {
    if (!exp.has(field)) {
      return;
    }
    List<String> want = new ArrayList<>();
    exp.get(field).forEach(n -> want.add(n.asText()));
    if (!new java.util.TreeSet<>(want).equals(new java.util.TreeSet<>(actual))) {
      diffs.add(field + " " + actual + " != expected " + want);
    }
  }
}
