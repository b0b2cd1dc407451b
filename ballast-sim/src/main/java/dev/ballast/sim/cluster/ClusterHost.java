package dev.ballast.sim.cluster;

import java.util.random.RandomGenerator;

/** What the simulated cluster needs from the twin around it. */
public interface ClusterHost {

  /** Schedules an event; returns its sequence number. */
  long schedule(double time, long payload);

  /** The run's seeded generator, for start-up delays. */
  RandomGenerator random();

  /** A pod finished starting: the twin puts a replica in rotation. */
  void podReady(SimPod pod, double now);

  /** A serving pod is being removed: the twin takes it out of rotation and drains it. */
  void podTerminating(SimPod pod, double now);

  /** A serving pod goes to sleep: the twin takes it out of rotation; its replica finishes in-flight work. */
  void podSleeping(SimPod pod, double now);

  /** A draining pod's grace is over: the twin fails what it still holds. */
  void podGraceOver(SimPod pod, double now);
}
