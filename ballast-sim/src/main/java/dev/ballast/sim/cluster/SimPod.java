package dev.ballast.sim.cluster;

import dev.ballast.core.catalog.ReplicaStartup;
import dev.ballast.core.resources.ResourceRequirements;
import dev.ballast.core.spi.PodPhase;
import dev.ballast.sim.serving.Replica;

/** A simulated replica pod, from creation through start-up, serving and draining. */
public final class SimPod {
  final int index;
  final String id;
  final int service;
  final String gpuTypeId;
  final ResourceRequirements resources;
  final int gpus;
  PodPhase phase = PodPhase.PENDING;
  double phaseSince;
  final double createdAt;
  SimNode node;
  /** When it was bound to its node, from which its GPUs are held. */
  double boundAt;
  Replica replica;
  ReplicaStartup.Phases startup;
  long pendingEventSeq = -1;
  boolean removed;

  SimPod(int index, String id, int service, String gpuTypeId, ResourceRequirements resources, int gpus, double now) {
    this.index = index;
    this.id = id;
    this.service = service;
    this.gpuTypeId = gpuTypeId;
    this.resources = resources;
    this.gpus = gpus;
    this.phaseSince = now;
    this.createdAt = now;
  }

  public String id() {
    return id;
  }

  public int service() {
    return service;
  }

  public PodPhase phase() {
    return phase;
  }

  public SimNode node() {
    return node;
  }

  public Replica replica() {
    return replica;
  }

  /** Binds the serving replica that this pod runs once it is ready. */
  public void attach(Replica serving) {
    this.replica = serving;
  }

  public String gpuTypeId() {
    return gpuTypeId;
  }

  public int gpus() {
    return gpus;
  }

  public double phaseSince() {
    return phaseSince;
  }

  public ResourceRequirements resources() {
    return resources;
  }

  public ReplicaStartup.Phases startup() {
    return startup;
  }

  public double createdAt() {
    return createdAt;
  }
}
