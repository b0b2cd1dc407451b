package dev.ballast.operator.api.v1alpha1;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * Scales one AI inference workload (any object with a {@code /scale} subresource) to its SLO:
 * {@code kubectl get inferencescalers}. Named after KEDA's ScaledObject and KServe's
 * InferenceService, with KEDA's {@code scaleTargetRef}.
 */
@Group("ballast.dev")
@Version("v1alpha1")
@ShortNames("iscaler")
public class InferenceScaler extends CustomResource<InferenceScalerSpec, InferenceScalerStatus> implements Namespaced {}
