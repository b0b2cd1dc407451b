package dev.ballast.sim.run;

/**
 * One step of a run's timeline (every {@code run.timelineStep}), summed over services.
 *
 * @param arrivalsPerSecond requests that arrived in the step, per second
 * @param inFlight requests running or queued at the end of the step
 * @param sloMisses requests whose first token came late, or that failed, in the step
 * @param decisions the reasons of the actions policies took in the step
 */
public record TimelineRow(
    double timeSeconds,
    double arrivalsPerSecond,
    double capacityRequestsPerSecond,
    long inFlight,
    int readyReplicas,
    int startingReplicas,
    int pendingReplicas,
    int sleepingReplicas,
    int nodesProvisioning,
    int nodesServing,
    int nodesStandby,
    int nodesStopped,
    double costUsd,
    long sloMisses,
    String decisions) {}
