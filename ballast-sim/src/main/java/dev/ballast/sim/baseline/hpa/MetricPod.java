package dev.ballast.sim.baseline.hpa;

/**
 * A pod as the HPA replica calculator sees it.
 *
 * @param phase Running, Pending, Failed or Succeeded
 * @param ready the pod's Ready condition
 * @param deleting it has a deletion timestamp
 * @param startedSecondsAgo seconds since start; {@code null} means long ago
 * @param requestMilli the pod's request for the resource, {@code null} if a container lacks one
 * @param valueMilli its metric sample, {@code null} if there is none
 */
public record MetricPod(
    String name, String phase, boolean ready, boolean deleting, Double startedSecondsAgo, Long requestMilli, Long valueMilli) {

  boolean ignored() {
    return deleting || "Failed".equals(phase);
  }

  boolean pending() {
    return "Pending".equals(phase);
  }

  boolean runningAndReady() {
    return "Running".equals(phase) && ready;
  }
}
