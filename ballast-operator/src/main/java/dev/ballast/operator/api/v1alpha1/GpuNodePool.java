package dev.ballast.operator.api.v1alpha1;

import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A pool of GPU nodes of one type that Ballast keeps in tiers (serving, standby, stopped) through
 * a provider; cluster-scoped, like Karpenter's NodePool.
 */
@Group("ballast.dev")
@Version("v1alpha1")
@ShortNames("gpupool")
public class GpuNodePool extends CustomResource<GpuNodePoolSpec, GpuNodePoolStatus> {}
