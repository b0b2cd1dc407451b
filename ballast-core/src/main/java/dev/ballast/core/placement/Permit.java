package dev.ballast.core.placement;

/**
 * The Permit stage, after a node is chosen and before the pod is bound: where gang scheduling
 * (all members or none) and priorities plug in. Returns null to allow, or the reason to hold.
 */
@FunctionalInterface
public interface Permit {
  Permit ALLOW = (pod, node) -> null;

  String check(PodShape pod, NodeResources node);
}
