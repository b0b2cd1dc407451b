package dev.ballast.sim.scenario;

import dev.ballast.core.config.Setting;
import dev.ballast.core.config.Settings;
import dev.ballast.sim.baseline.ca.ClusterAutoscalerSettings;
import dev.ballast.sim.baseline.fixed.StaticPeakSettings;
import dev.ballast.sim.baseline.hpa.HpaSettings;
import dev.ballast.sim.baseline.karpenter.KarpenterSettings;
import dev.ballast.sim.baseline.keda.KedaSettings;
import dev.ballast.sim.baseline.kpa.KpaSettings;
import java.util.ArrayList;
import java.util.List;

/**
 * Every setting a scenario file or {@code --set} may name, in the order the configuration
 * reference (docs/configuration.md) lists them.
 */
public final class SettingsCatalog {
  private SettingsCatalog() {}

  /** Named groups, in reference order. */
  public record Group(String title, List<Setting<?>> settings) {}

  private static final List<Group> GROUPS = new ArrayList<>();

  private static synchronized void register(Group group) {
    if (GROUPS.stream().noneMatch(g -> g.title().equals(group.title()))) {
      GROUPS.add(group);
    }
  }

  static {
    register(new Group("Twin", TwinSettings.all()));
    register(new Group("Ballast", dev.ballast.core.policy.BallastSettings.all()));
    register(new Group("HPA baseline", HpaSettings.all()));
    register(new Group("KEDA baseline", KedaSettings.all()));
    register(new Group("Knative KPA baseline", KpaSettings.all()));
    register(new Group("Cluster Autoscaler baseline", ClusterAutoscalerSettings.all()));
    register(new Group("Karpenter baseline", KarpenterSettings.all()));
    register(new Group("static-peak baseline", StaticPeakSettings.all()));
    register(new Group("clairvoyant reference", dev.ballast.sim.baseline.clairvoyant.ClairvoyantSettings.all()));
  }

  public static synchronized List<Group> groups() {
    return List.copyOf(GROUPS);
  }

  public static List<Setting<?>> all() {
    return groups().stream().flatMap(g -> g.settings().stream()).toList();
  }

  public static Settings defaults() {
    return Settings.defaults(all());
  }
}
