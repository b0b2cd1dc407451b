package dev.ballast.sim.run;

/**
 * What one service's measured requests got under one contender. The service meets its SLO when at
 * least its target share of its own requests had their first token within its TTFT target; a
 * failed request counts as a miss.
 *
 * @param coldStartRequests requests that arrived while none of the service's replicas served
 * @param heldUsd what its pods cost over the measured window: the GPUs each held while bound to a
 *     node, at that node's price per GPU (nodes or GPUs that no pod holds are no service's cost)
 */
public record ServiceResult(
    String serviceId, long requests, long withinSlo, long failed, long coldStartRequests, double sloShare, double heldUsd) {
  /** Share of the service's measured requests within its TTFT target (1 when it had none). */
  public double attainment() {
    return requests == 0 ? 1.0 : (double) withinSlo / requests;
  }

  /** Whether it had measured requests and met its SLO on them. */
  public boolean meetsSlo() {
    return requests > 0 && withinSlo >= Math.ceil(sloShare * requests - 1e-9);
  }
}
