package dev.ballast.operator.scaling;

import dev.ballast.operator.api.v1alpha1.InferenceScalerSpec;

/** InferenceScaler specs the scaler tests share. */
public final class ScalerSpecs {
  private ScalerSpecs() {}

  /** Deployment "llama", TTFT 2 s; everything else at the CRD's defaults. */
  public static InferenceScalerSpec target() {
    return target("llama");
  }

  /** The named Deployment, TTFT 2 s; everything else at the CRD's defaults. */
  public static InferenceScalerSpec target(String deployment) {
    InferenceScalerSpec spec = new InferenceScalerSpec();
    spec.scaleTargetRef = new InferenceScalerSpec.ScaleTargetRef();
    spec.scaleTargetRef.name = deployment;
    spec.slo = new InferenceScalerSpec.SloSpec();
    spec.slo.ttftTarget = "2s";
    return spec;
  }

  /** Deployment "llama", TTFT 2 s for 99 %, 1 to 200 replicas, no step bound to speak of. */
  public static InferenceScalerSpec llama() {
    InferenceScalerSpec spec = target();
    spec.slo.share = 0.99;
    spec.minReplicas = 1;
    spec.maxReplicas = 200;
    spec.maxStep = 1000; // the change-rate bound is the operator's own; the contract is on the decision
    return spec;
  }
}
