package dev.ballast.core.scaling;

/**
 * Closes the loop on the SLO: a multiplicative correction of the sized capacity, raised quickly
 * while the attainment measured over recent requests falls short of the target share and lowered
 * slowly, back toward its floor, while it is comfortably above. It absorbs what the models miss
 * (bursts inside an interval, uneven routing, prompts that outlast the target). Ballast keeps its
 * floor at 1: a quiet stretch does not prove that less than the learned burst headroom is safe,
 * since the bursts it guards against are rare by design.
 */
public final class SloFeedback {
  private final double min;
  private final double max;
  private final double upGain;
  private final double downGain;
  private double correction = 1;

  public SloFeedback(double min, double max, double upGain, double downGain) {
    this.min = min;
    this.max = max;
    this.upGain = upGain;
    this.downGain = downGain;
  }

  /**
   * Updates the correction from the attainment of the requests that finished in the last window.
   *
   * @param attainment share of those requests within the TTFT target (failures count as misses)
   * @param target the SLO's share
   * @param requests how many requests the window held (too few: no update)
   */
  public double update(double attainment, double target, long requests, long minRequests) {
    if (requests < minRequests) {
      return correction;
    }
    double shortfall = (target - attainment) / Math.max(1e-6, 1 - target); // in units of the miss budget
    if (shortfall > 0) {
      correction *= Math.exp(upGain * Math.min(shortfall, 10));
    } else if (shortfall < -0.5) {
      correction *= Math.exp(-downGain);
    }
    correction = Math.max(min, Math.min(max, correction));
    return correction;
  }

  public double correction() {
    return correction;
  }
}
