package dev.ballast.operator.api.v1alpha1;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Version;

/** A model's sizes and serving figures per GPU type, when Ballast's catalog does not know it. */
@Group("ballast.dev")
@Version("v1alpha1")
public class ModelProfile extends CustomResource<ModelProfileSpec, Void> implements Namespaced {}
