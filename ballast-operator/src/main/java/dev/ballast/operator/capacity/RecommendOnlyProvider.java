package dev.ballast.operator.capacity;

import dev.ballast.operator.api.v1alpha1.GpuNodePool;
import io.fabric8.kubernetes.api.model.Node;

/** A pool with no provider: Ballast only recommends; every node change is reported, not made. */
final class RecommendOnlyProvider implements NodePoolProvider {
  private static Unsupported none(String what) {
    return new Unsupported("provider None cannot " + what + "; set spec.provider to ClusterAPI or Karpenter to act");
  }

  @Override
  public boolean removes() {
    return false;
  }

  @Override
  public int provisioning(GpuNodePool pool) {
    return 0;
  }

  @Override
  public String resize(GpuNodePool pool, int nodes) {
    throw none("resize the pool to " + nodes + " nodes");
  }

  @Override
  public String remove(GpuNodePool pool, Node node) {
    throw none("remove " + node.getMetadata().getName());
  }

  @Override
  public String stop(GpuNodePool pool, Node node) {
    throw none("stop " + node.getMetadata().getName());
  }

  @Override
  public String start(GpuNodePool pool, Node node) {
    throw none("start " + node.getMetadata().getName());
  }
}
