package dev.ballast.core.placement.scorer;

import dev.ballast.core.placement.Fragmentation;
import dev.ballast.core.placement.GpuSelection;
import dev.ballast.core.placement.GpuTypeFit;
import dev.ballast.core.placement.NodeResources;
import dev.ballast.core.placement.PodShape;
import dev.ballast.core.placement.Scorer;

/**
 * Ballast's placement: first the GPU type that suits the pod's work best per dollar ({@link
 * GpuTypeFit}, in tenths), then, within a type band, FGD's fragmentation gradient at the published
 * resolution, GPU by GPU for fractions ({@link FgdScorer}). Measured on the FGD paper's traces,
 * finer resolutions of the gradient, best-fit or packing tie-breaks, and other typical-pod weights
 * did not leave less GPU unallocated (docs/results.md): the coarse gradient with consistent ties is
 * the strong part, so Ballast keeps it and adds what FGD lacks, the GPU-type fit.
 */
public final class BallastScorer implements Scorer {
  private final FgdScorer gradient;
  private final GpuTypeFit fit;

  public BallastScorer(Fragmentation fragmentation, GpuTypeFit fit) {
    this.gradient = new FgdScorer(fragmentation);
    this.fit = fit;
  }

  public BallastScorer(Fragmentation fragmentation) {
    this(fragmentation, GpuTypeFit.NONE);
  }

  @Override
  public String name() {
    return "ballast";
  }

  @Override
  public double score(PodShape pod, NodeResources node) {
    long band = Math.round(10 * fit.value(pod, node.gpuType())); // 0..10
    return band * 1000 + gradient.score(pod, node); // the gradient is 0..100
  }

  @Override
  public int[] selectGpus(PodShape pod, NodeResources node) {
    return pod.sharesGpu() ? gradient.selectGpus(pod, node) : GpuSelection.wholeGpus(pod, node);
  }
}
