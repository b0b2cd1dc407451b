package dev.ballast.operator.scaling;

import dev.ballast.core.catalog.GpuProducts;
import dev.ballast.core.catalog.Model;
import dev.ballast.core.catalog.ServingProfile;
import dev.ballast.operator.api.v1alpha1.ModelProfile;
import dev.ballast.operator.api.v1alpha1.ModelProfileSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/** A ModelProfile resource as the core's {@link Model}; the core's own checks give the errors for bad figures. */
public final class ModelProfiles {
  private ModelProfiles() {}

  public static Model toModel(ModelProfile profile) {
    ModelProfileSpec s = profile.getSpec();
    String source = "ModelProfile " + profile.getMetadata().getNamespace() + "/" + profile.getMetadata().getName();
    Map<String, ServingProfile> serving = new LinkedHashMap<>();
    for (ModelProfileSpec.Serving p : s.profiles) {
      String gpu = GpuProducts.catalogId(p.gpuType); // a product label names the catalog's type
      serving.put(gpu, new ServingProfile(gpu, p.gpusPerReplica, p.prefillTokensPerSecond, p.itlOneMs, p.itlGrowth, p.maxConcurrentSequences, p.kvCacheTokens, source));
    }
    return new Model(profile.getMetadata().getName(), s.weightsBytes, s.imageBytes, s.contextTokens, s.kvBytesPerToken, serving, source);
  }
}
