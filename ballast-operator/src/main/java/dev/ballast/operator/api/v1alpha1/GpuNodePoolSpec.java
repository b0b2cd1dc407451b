package dev.ballast.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.LinkedHashMap;
import java.util.Map;

/** The pool's GPU type, bounds per tier, price, and the provider that realizes it. */
@ValidationRule(value = "self.minNodes <= self.maxNodes", message = "minNodes must not exceed maxNodes")
public class GpuNodePoolSpec {
  @Required
  @JsonPropertyDescription("GPU type of the pool's nodes: a catalog id (H100-80GB) or NVIDIA's product label (NVIDIA-H100-80GB-HBM3).")
  public String gpuType;

  @JsonPropertyDescription("Instance type of the pool's nodes from Ballast's catalog, e.g. p5.48xlarge (default: the catalog's type with this GPU and the GPU count the nodes report).")
  public String nodeType;

  @JsonPropertyDescription("Labels that select the pool's nodes; pending pods whose nodeSelector is within these are the pool's demand.")
  public Map<String, String> nodeSelector = new LinkedHashMap<>();

  @Default("Recommend")
  @JsonPropertyDescription("Recommend: write status and events only. Enforce: also taint, scale and stop nodes through the provider.")
  public InferenceScalerSpec.Mode mode = InferenceScalerSpec.Mode.Recommend;

  @Min(0)
  @Default("0")
  @JsonPropertyDescription("Fewest nodes the pool keeps, all tiers counted.")
  public int minNodes;

  @Required
  @Min(0)
  @JsonPropertyDescription("Most nodes the pool may grow to, all tiers counted.")
  public int maxNodes;

  @JsonPropertyDescription("Bounds of the standby tier: running nodes tainted ballast.dev/standby, image and weights prefetched."
      + " Below min, empty nodes are tainted into it, then new nodes are asked for (within maxNodes), counting those coming up that no waiting pod takes.")
  public TierBounds standby = new TierBounds();

  @JsonPropertyDescription("Bounds of the stopped tier: nodes stopped with their disks (and caches) kept."
      + " Below min, empty nodes are stopped (after caching prefetchModel) rather than removed; no node is provisioned for it, and stopping needs a provider that can.")
  public TierBounds stopped = new TierBounds();

  @Min(0)
  @JsonPropertyDescription("Price of one node per hour in USD, for cost decisions (default: the catalog's on-demand price).")
  public Double pricePerHour;

  @JsonPropertyDescription("What realizes node decisions.")
  public Provider provider = new Provider();

  @Min(0)
  @Default("0")
  @JsonPropertyDescription("GPUs held free as headroom by placeholder pods of the low PriorityClass ballast-headroom; real pods preempt them at once.")
  public int headroomGpus;

  @Default("5m")
  @Pattern("^[0-9]+(s|m|h)$")
  @JsonPropertyDescription("In Enforce mode: a node of several GPUs whose GPUs are held only by replicas of Deployments that InferenceScalers scale in Enforce mode,"
      + " at most half of them, this long on end, while fuller nodes of the pool have room for them all, is emptied make-before-break: it is softly"
      + " tainted ballast.dev/consolidating, each of its replicas gets a replacement, and goes once that one is Ready. 0s: never.")
  public String consolidateAfter = "5m";

  @JsonPropertyDescription("Image a standby node pulls ahead (usually the serving image); its Job runs on the node, tolerating the standby taint.")
  public String prefetchImage;

  @JsonPropertyDescription("Model a standby node caches, recorded in the node's ballast.dev/cached-models annotation once the prefetch Job succeeds.")
  public String prefetchModel;

  /** Least and most nodes in a tier. */
  @ValidationRule(value = "self.min <= self.max", message = "min must not exceed max")
  public static class TierBounds {
    @Min(0)
    @Default("0")
    @JsonPropertyDescription("Fewest nodes held in this tier.")
    public int min;

    @Min(0)
    @Default("0")
    @JsonPropertyDescription("Most nodes held in this tier.")
    public int max;
  }

  /** The provider surface: a Cluster API MachineDeployment, a Karpenter NodePool, or none (recommend only). */
  @ValidationRule(value = "self.kind == 'None' || has(self.name)", message = "a ClusterAPI or Karpenter provider needs the name of its MachineDeployment or NodePool")
  public static class Provider {
    @Default("None")
    @JsonPropertyDescription("None (recommend only), ClusterAPI (a MachineDeployment) or Karpenter (a NodePool).")
    public Kind kind = Kind.None;

    @JsonPropertyDescription("Name of the MachineDeployment or Karpenter NodePool.")
    public String name;

    @JsonPropertyDescription("Namespace of the MachineDeployment (ClusterAPI only).")
    public String namespace;

    /** Which provider. */
    public enum Kind {
      None,
      ClusterAPI,
      Karpenter
    }
  }
}
