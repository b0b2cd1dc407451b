package dev.ballast.core.config;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Values for a set of declared {@link Setting}s: the defaults, overridden by what a user gave.
 * Unknown keys are refused, so a typo never silently falls back to a default.
 */
public final class Settings {
  private final Map<String, Setting<?>> declared;
  private final Map<String, Object> values;

  private Settings(Map<String, Setting<?>> declared, Map<String, Object> values) {
    this.declared = declared;
    this.values = values;
  }

  public static Settings defaults(Collection<Setting<?>> declarations) {
    Map<String, Setting<?>> declared = new LinkedHashMap<>();
    for (Setting<?> s : declarations) {
      if (declared.put(s.key(), s) != null) {
        throw new IllegalStateException("setting declared twice: " + s.key());
      }
    }
    return new Settings(declared, Map.of());
  }

  /**
   * Returns these settings with {@code raw} applied on top.
   *
   * @throws IllegalArgumentException on an unknown key or a bad value, naming the key
   */
  public Settings with(Map<String, ?> raw) {
    Map<String, Object> merged = new LinkedHashMap<>(values);
    for (Map.Entry<String, ?> e : raw.entrySet()) {
      Setting<?> s = declared.get(e.getKey());
      if (s == null) {
        throw new IllegalArgumentException(
            "unknown setting '" + e.getKey() + "'; known settings: " + String.join(", ", new TreeSet<>(declared.keySet())));
      }
      merged.put(s.key(), s.parse(e.getValue()));
    }
    return new Settings(declared, Map.copyOf(merged));
  }

  public <T> T get(Setting<T> setting) {
    if (!declared.containsKey(setting.key())) {
      throw new IllegalArgumentException("setting " + setting.key() + " is not declared here");
    }
    Object v = values.get(setting.key());
    return v == null ? setting.defaultValue() : setting.type().cast(v);
  }

  public List<Setting<?>> declarations() {
    return List.copyOf(declared.values());
  }
}
