package dev.ballast.core.scaling;

/**
 * One service's replica decision.
 *
 * @param awake replicas to have serving now
 * @param warm replicas to hold asleep (seconds from serving)
 * @param stoppedNeed replicas' worth of stopped nodes to keep (minutes from serving, disk price)
 * @param perReplicaRate requests/s one replica carries within the SLO at the current mix
 * @param demandRate the rate the plan serves now (req/s)
 * @param holdSeconds how long a lower target must hold before replicas go
 * @param reason the decision and the numbers behind it
 */
public record ReplicaPlan(
    int awake, int warm, int stoppedNeed, double perReplicaRate, double demandRate, double holdSeconds, String reason) {}
