package dev.ballast.sim.scenario;

import dev.ballast.core.config.Setting;

/**
 * Renders every declared setting as the Markdown table in docs/configuration.md, between the
 * markers below. A test fails when the file and the declarations drift apart.
 */
public final class ConfigurationReference {
  public static final String BEGIN = "<!-- BEGIN GENERATED SETTINGS (ballast settings) -->";
  public static final String END = "<!-- END GENERATED SETTINGS -->";

  private ConfigurationReference() {}

  public static String render() {
    StringBuilder sb = new StringBuilder();
    for (SettingsCatalog.Group g : SettingsCatalog.groups()) {
      sb.append("\n### ").append(g.title()).append("\n\n");
      sb.append("| key | type | default | range | description |\n|---|---|---|---|---|\n");
      for (Setting<?> s : g.settings()) {
        sb.append("| `")
            .append(s.key())
            .append("` | ")
            .append(s.typeName())
            .append(" | `")
            .append(s.render(s.defaultValue()))
            .append("` | ")
            .append(range(s))
            .append(" | ")
            .append(s.description().replace("|", "\\|"))
            .append(" |\n");
      }
    }
    return sb.toString();
  }

  private static String range(Setting<?> s) {
    if (s.type() == Boolean.class || s.type() == String.class) {
      return "";
    }
    if (s.type() == java.time.Duration.class) {
      return s.render(java.time.Duration.ofMillis(Math.round(s.min() * 1000)))
          + " .. "
          + s.render(java.time.Duration.ofMillis(Math.round(s.max() * 1000)));
    }
    return num(s.min()) + " .. " + num(s.max());
  }

  private static String num(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
  }
}
