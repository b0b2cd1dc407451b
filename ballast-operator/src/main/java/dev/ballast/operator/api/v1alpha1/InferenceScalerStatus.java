package dev.ballast.operator.api.v1alpha1;

import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

/** What Ballast saw and decided, last time it looked. */
public class InferenceScalerStatus {
  public Long observedGeneration;

  /** Replicas the target has (its /scale status). */
  public Integer currentReplicas;

  /** Replicas Ballast wants now. */
  public Integer recommendedReplicas;

  /** Ready, MetricsAvailable and Enforcing, in the Kubernetes condition convention. */
  public List<Condition> conditions = new ArrayList<>();

  public Decision lastDecision;

  /** One decision: when, what and why. */
  public static class Decision {
    public String time;
    public Integer replicas;
    public String reason;
  }
}
