package dev.ballast.core.capacity;

import dev.ballast.core.catalog.Catalog;
import dev.ballast.core.catalog.Model;
import dev.ballast.core.catalog.NodeType;
import dev.ballast.core.catalog.ServingProfile;
import dev.ballast.core.scaling.SloSizing;
import dev.ballast.core.scaling.TokenMix;
import dev.ballast.core.service.ServiceSpec;
import dev.ballast.core.spi.NodePool;
import java.util.List;
import java.util.Locale;

/**
 * Which GPU type added capacity for a service runs on: the pool whose replicas cost least per
 * request served within the SLO, for the service's current token mix. A replica's price is its
 * GPUs' share of its node's price; its SLO-compliant throughput comes from {@link SloSizing} on
 * that GPU's serving profile. So a long-prompt mix may favour an H100 that prefills four times
 * faster, while short chat turns may cost less on cheaper GPUs.
 */
public final class GpuChoice {
  /** A challenger must be this much cheaper per request to replace the type in use. */
  public static final double SWITCH_MARGIN = 0.9;

  private GpuChoice() {}

  /**
   * @param pool the pool added capacity comes from
   * @param usdPerRequest the replica price over its SLO-safe rate
   * @param usableRate requests/s one replica carries within the SLO
   */
  public record Option(NodePool pool, ServingProfile profile, double usdPerRequest, double usableRate) {
    public String gpuTypeId() {
      return profile.gpuTypeId();
    }
  }

  public record Choice(Option best, List<Option> options, String reason) {}

  /**
   * The options for {@code svc}, cheapest per SLO-compliant request first, keeping {@code current}
   * (a GPU type id, or null) unless another is at least a tenth cheaper. Null when no pool fits.
   */
  public static Choice choose(ServiceSpec svc, List<NodePool> pools, Catalog catalog, TokenMix mix, double allowedMiss, String current) {
    Model model = catalog.model(svc.modelId());
    List<Option> options = new java.util.ArrayList<>();
    for (NodePool p : pools) {
      NodeType t = catalog.nodeType(p.nodeTypeId());
      if (t.gpu() == null || !svc.allowsGpu(t.gpu().id()) || model.profileOn(t.gpu().id()).isEmpty()) {
        continue;
      }
      ServingProfile profile = model.profileOn(t.gpu().id()).orElseThrow();
      double usable = SloSizing.usableRate(profile, mix, svc.slo().ttftTargetSeconds(), allowedMiss);
      double usdPerSecond = t.usdPerGpuSecond() * profile.gpusPerReplica();
      options.add(new Option(p, profile, usable > 0 ? usdPerSecond / usable : Double.POSITIVE_INFINITY, usable));
    }
    if (options.isEmpty()) {
      return null;
    }
    options.sort(java.util.Comparator.comparingDouble(Option::usdPerRequest).thenComparing(o -> o.pool().id()));
    Option best = options.get(0);
    Option kept = options.stream().filter(o -> o.gpuTypeId().equals(current)).findFirst().orElse(null);
    if (kept != null && best != kept && best.usdPerRequest() > SWITCH_MARGIN * kept.usdPerRequest()) {
      best = kept;
    }
    StringBuilder why = new StringBuilder(String.format(Locale.ROOT, "GPU %s: ", best.gpuTypeId()));
    for (Option o : options) {
      why.append(String.format(Locale.ROOT, "%s $%.2f per 1k SLO requests (%.1f req/s per replica); ", o.gpuTypeId(), o.usdPerRequest() * 1000, o.usableRate()));
    }
    return new Choice(best, List.copyOf(options), why.toString().trim());
  }
}
