package dev.ballast.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.LinkedHashMap;
import java.util.Map;

/** The pool's GPU type, bounds per tier, price, and the provider that realizes it. */
@ValidationRule(value = "self.minNodes <= self.maxNodes", message = "minNodes must not exceed maxNodes")
public class GpuNodePoolSpec {
  @Required
  @JsonPropertyDescription("GPU type of the pool's nodes, e.g. H100-80GB.")
  public String gpuType;

  @JsonPropertyDescription("Labels that select the pool's nodes.")
  public Map<String, String> nodeSelector = new LinkedHashMap<>();

  @Min(0)
  @Default("0")
  public int minNodes;

  @Required
  @Min(0)
  public int maxNodes;

  @JsonPropertyDescription("Bounds of the standby tier: running nodes tainted ballast.dev/standby, image and weights prefetched.")
  public TierBounds standby = new TierBounds();

  @JsonPropertyDescription("Bounds of the stopped tier: nodes stopped with their disks (and caches) kept.")
  public TierBounds stopped = new TierBounds();

  @Min(0)
  @JsonPropertyDescription("Price of one node per hour in USD, for cost decisions (default: the catalog's on-demand price).")
  public Double pricePerHour;

  @JsonPropertyDescription("What realizes node decisions.")
  public Provider provider = new Provider();

  /** Least and most nodes in a tier. */
  @ValidationRule(value = "self.min <= self.max", message = "min must not exceed max")
  public static class TierBounds {
    @Min(0)
    @Default("0")
    public int min;

    @Min(0)
    @Default("0")
    public int max;
  }

  /** The provider surface: a Cluster API MachineDeployment, a Karpenter NodePool, or none (recommend only). */
  public static class Provider {
    @Default("None")
    public Kind kind = Kind.None;

    @JsonPropertyDescription("Name of the MachineDeployment or Karpenter NodePool.")
    public String name;

    /** Which provider. */
    public enum Kind {
      None,
      ClusterAPI,
      Karpenter
    }
  }
}
