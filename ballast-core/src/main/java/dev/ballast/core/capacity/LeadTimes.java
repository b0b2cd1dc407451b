package dev.ballast.core.capacity;

import dev.ballast.core.catalog.Catalog;
import dev.ballast.core.catalog.Model;
import dev.ballast.core.catalog.NodeType;
import dev.ballast.core.catalog.ReplicaStartup;

/**
 * How long each capacity tier takes to turn into a serving replica, from the catalog, at the
 * 90th percentile of its delays plus the time to notice the need (scrape, delay and tick).
 *
 * @param wakeSeconds a sleeping replica
 * @param warmNodeSeconds a new replica on a running node that caches the model (standby)
 * @param stoppedSeconds a stopped node resumed, then a replica on it
 * @param coldSeconds a new node, then a replica pulling image and weights
 */
public record LeadTimes(double wakeSeconds, double warmNodeSeconds, double stoppedSeconds, double coldSeconds) {

  public static LeadTimes of(Catalog catalog, Model model, NodeType node, double detectionSeconds) {
    ReplicaStartup s = catalog.replicaStartup();
    double cachedStart = s.phases(model, true, true, s.engineInit().p90Seconds()).total();
    double coldStart = s.phases(model, false, false, s.engineInit().p90Seconds()).total();
    double nodeCold = node.startup().vmToReady().p90Seconds() + node.startup().gpuAllocatable().p90Seconds();
    return new LeadTimes(
        detectionSeconds + s.wakeFromSleep().p90Seconds(),
        detectionSeconds + cachedStart,
        detectionSeconds + node.startup().resumeFromStopped().p90Seconds() + cachedStart,
        detectionSeconds + nodeCold + coldStart);
  }
}
