package dev.ballast.core.catalog;

/**
 * How long each phase of a replica's start takes on a node, from sizes, bandwidths and what the
 * node already caches (CATALOG-FACTS §7 and §8).
 *
 * @param schedulingSeconds from pod creation to binding
 * @param imagePullBytesPerSecond effective pull-and-extract rate of the container image
 * @param weightsFetchBytesPerSecond object store to node disk
 * @param weightsLoadBytesPerSecond node disk to GPU memory
 * @param engineInit engine start after weights are loaded (CUDA graphs, compile, warm-up)
 * @param wakeFromSleep a sleeping replica back to serving (weights from host memory to GPU)
 */
public record ReplicaStartup(
    double schedulingSeconds,
    double imagePullBytesPerSecond,
    double weightsFetchBytesPerSecond,
    double weightsLoadBytesPerSecond,
    Delay engineInit,
    Delay wakeFromSleep) {

  public ReplicaStartup {
    if (!(schedulingSeconds >= 0)
        || !(imagePullBytesPerSecond > 0)
        || !(weightsFetchBytesPerSecond > 0)
        || !(weightsLoadBytesPerSecond > 0)) {
      throw new IllegalArgumentException("replica startup: bandwidths must be positive, scheduling >= 0");
    }
  }

  /** The phases of one start, in seconds; a phase the cache makes unnecessary is zero. */
  public record Phases(
      double scheduling, double imagePull, double weightsFetch, double loadToGpu, double engineInit) {
    public double total() {
      return scheduling + imagePull + weightsFetch + loadToGpu + engineInit;
    }
  }

  /** Phase durations with the engine init at its median. */
  public Phases medianPhases(Model model, boolean imageCached, boolean weightsCached) {
    return phases(model, imageCached, weightsCached, engineInit.medianSeconds());
  }

  public Phases phases(Model model, boolean imageCached, boolean weightsCached, double engineInitSeconds) {
    return new Phases(
        schedulingSeconds,
        imageCached ? 0 : model.imageBytes() / imagePullBytesPerSecond,
        weightsCached ? 0 : model.weightsBytes() / weightsFetchBytesPerSecond,
        model.weightsBytes() / weightsLoadBytesPerSecond,
        engineInitSeconds);
  }
}
