package dev.ballast.sim.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The knob grids {@code --sweep} expands each contender over, to draw cost–SLO frontiers. */
public final class Sweeps {
  private Sweeps() {}

  static final Map<String, List<String>> GRIDS =
      Map.of(
          "static-peak", List.of("25", "40", "55", "70", "85", "100"),
          "clairvoyant", List.of("25", "40", "55", "70", "85", "100", "120"),
          "hpa", List.of("30", "50", "70", "90"),
          "keda", List.of("30", "50", "70", "90"),
          "kpa", List.of("25", "50", "100", "150"),
          "ballast", List.of("0.5", "0.7", "0.8", "0.9", "0.95", "0.98", "0.99", "0.995"));

  /** The grid of a family ({@code hpa}, {@code keda}, {@code kpa}, {@code static-peak}, {@code clairvoyant}, {@code ballast}), as the help text shows it. */
  public static String grid(String family) {
    return String.join(",", GRIDS.get(family));
  }

  /** Each contender name without a knob, expanded over its family's grid; named knobs stay as given. */
  public static List<String> expand(List<String> names) {
    List<String> out = new ArrayList<>();
    for (String n : names) {
      if (n.contains("@")) {
        out.add(n);
        continue;
      }
      String family = n.split("\\+")[0];
      List<String> grid = GRIDS.get(family.startsWith("ballast") ? "ballast" : family);
      if (grid == null) {
        out.add(n);
        continue;
      }
      grid.forEach(v -> out.add(n + "@" + v));
    }
    return out;
  }
}
