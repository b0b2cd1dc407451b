package dev.ballast.operator.reconcile;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.util.List;

/** Kubernetes-style conditions: one per type, the transition time kept while the status holds. */
final class Conditions {
  private Conditions() {}

  static void set(List<Condition> conditions, String type, boolean status, String reason, String message, long generation, Instant now) {
    String s = status ? "True" : "False";
    for (int i = 0; i < conditions.size(); i++) {
      Condition c = conditions.get(i);
      if (type.equals(c.getType())) {
        String since = s.equals(c.getStatus()) ? c.getLastTransitionTime() : now.toString();
        conditions.set(i, build(type, s, reason, message, generation, since));
        return;
      }
    }
    conditions.add(build(type, s, reason, message, generation, now.toString()));
  }

  /** Whether the condition of this type is there with this reason. */
  static boolean hasReason(List<Condition> conditions, String type, String reason) {
    return conditions.stream().anyMatch(c -> type.equals(c.getType()) && reason.equals(c.getReason()));
  }

  private static Condition build(String type, String status, String reason, String message, long generation, String since) {
    return new ConditionBuilder()
        .withType(type)
        .withStatus(status)
        .withReason(reason)
        .withMessage(message.length() > 1000 ? message.substring(0, 1000) + "…" : message)
        .withObservedGeneration(generation)
        .withLastTransitionTime(since)
        .build();
  }
}
