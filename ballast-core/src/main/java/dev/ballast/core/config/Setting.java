package dev.ballast.core.config;

import java.time.Duration;
import java.util.Objects;

/**
 * A typed option declared once: key, default, unit, bounds and description. Scenario files,
 * command-line overrides and the generated configuration reference all read these declarations.
 *
 * @param <T> value type: {@link Duration}, {@link Double}, {@link Integer}, {@link Boolean} or {@link String}
 */
public record Setting<T>(
    String key, Class<T> type, T defaultValue, double min, double max, String description) {

  public Setting {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(defaultValue, "defaultValue");
    Objects.requireNonNull(description, "description");
    if (!(type == Duration.class
        || type == Double.class
        || type == Integer.class
        || type == Boolean.class
        || type == String.class)) {
      throw new IllegalArgumentException("unsupported setting type " + type);
    }
  }

  public static Setting<Duration> duration(String key, Duration def, Duration min, Duration max, String description) {
    return new Setting<>(key, Duration.class, def, seconds(min), seconds(max), description);
  }

  public static Setting<Double> number(String key, double def, double min, double max, String description) {
    return new Setting<>(key, Double.class, def, min, max, description);
  }

  public static Setting<Integer> integer(String key, int def, int min, int max, String description) {
    return new Setting<>(key, Integer.class, def, min, max, description);
  }

  public static Setting<Boolean> flag(String key, boolean def, String description) {
    return new Setting<>(key, Boolean.class, def, 0, 1, description);
  }

  /**
   * Parses and checks a raw value (from YAML or a command line): numbers for numbers, "15s",
   * "2m", "1h" or a number of seconds for durations.
   *
   * @throws IllegalArgumentException naming the key and what was wrong
   */
  public T parse(Object raw) {
    Objects.requireNonNull(raw, () -> key + ": value is missing");
    try {
      Object value =
          switch (type.getSimpleName()) {
            case "Duration" -> parseDuration(raw);
            case "Double" -> raw instanceof Number n ? n.doubleValue() : Double.parseDouble(raw.toString().trim());
            case "Integer" -> raw instanceof Number n ? exactInt(n) : Integer.parseInt(raw.toString().trim());
            case "Boolean" -> parseBoolean(raw);
            default -> raw.toString();
          };
      T typed = type.cast(value);
      check(typed);
      return typed;
    } catch (NumberFormatException | ArithmeticException e) {
      throw new IllegalArgumentException(key + ": '" + raw + "' is not a valid " + typeName());
    }
  }

  private void check(T value) {
    double v =
        switch (value) {
          case Duration d -> seconds(d);
          case Number n -> n.doubleValue();
          default -> Double.NaN;
        };
    if (!Double.isNaN(v) && (v < min || v > max)) {
      throw new IllegalArgumentException(key + ": " + render(value) + " is outside [" + bound(min) + ", " + bound(max) + "]");
    }
    if (value instanceof Double d && !Double.isFinite(d)) {
      throw new IllegalArgumentException(key + ": must be a finite number");
    }
  }

  public String typeName() {
    return switch (type.getSimpleName()) {
      case "Duration" -> "duration (e.g. 15s, 2m, 1h)";
      case "Double" -> "number";
      case "Integer" -> "integer";
      case "Boolean" -> "true|false";
      default -> "string";
    };
  }

  /** The value as a user writes it. */
  public String render(Object value) {
    if (value instanceof Duration d) {
      long s = d.toSeconds();
      if (d.toMillis() % 1000 != 0) {
        return d.toMillis() + "ms";
      }
      return s % 3600 == 0 && s > 0 ? s / 3600 + "h" : s % 60 == 0 && s > 0 ? s / 60 + "m" : s + "s";
    }
    return String.valueOf(value);
  }

  private String bound(double b) {
    if (type == Duration.class) {
      return render(Duration.ofMillis(Math.round(b * 1000)));
    }
    return b == Math.rint(b) && Math.abs(b) < 1e15 ? String.valueOf((long) b) : String.valueOf(b);
  }

  private static double seconds(Duration d) {
    return d.toNanos() / 1e9;
  }

  private static int exactInt(Number n) {
    double d = n.doubleValue();
    if (d != Math.rint(d)) {
      throw new NumberFormatException("not an integer");
    }
    return Math.toIntExact((long) d);
  }

  private static Boolean parseBoolean(Object raw) {
    if (raw instanceof Boolean b) {
      return b;
    }
    String s = raw.toString().trim().toLowerCase(java.util.Locale.ROOT);
    return switch (s) {
      case "true", "yes", "on" -> true;
      case "false", "no", "off" -> false;
      default -> throw new NumberFormatException(s);
    };
  }

  private static Duration parseDuration(Object raw) {
    if (raw instanceof Number n) {
      return Duration.ofNanos(Math.round(n.doubleValue() * 1e9));
    }
    String s = raw.toString().trim().toLowerCase(java.util.Locale.ROOT);
    double factor;
    String digits;
    if (s.endsWith("ms")) {
      factor = 1e-3;
      digits = s.substring(0, s.length() - 2);
    } else if (s.endsWith("s")) {
      factor = 1;
      digits = s.substring(0, s.length() - 1);
    } else if (s.endsWith("m")) {
      factor = 60;
      digits = s.substring(0, s.length() - 1);
    } else if (s.endsWith("h")) {
      factor = 3600;
      digits = s.substring(0, s.length() - 1);
    } else {
      factor = 1;
      digits = s;
    }
    return Duration.ofNanos(Math.round(Double.parseDouble(digits.trim()) * factor * 1e9));
  }
}
