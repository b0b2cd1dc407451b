package dev.ballast.operator.api.v1alpha1;

import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

/** Nodes per tier and the last node decision. */
public class GpuNodePoolStatus {
  public Long observedGeneration;
  public int serving;
  public int standby;
  public int stopped;
  public int provisioning;
  public int unschedulableGpus;
  public Double hourlyCostUsd;
  public List<Condition> conditions = new ArrayList<>();
  public InferenceScalerStatus.Decision lastDecision;
}
