package dev.ballast.sim.trace;

import java.util.Arrays;
import java.util.Locale;

/** The trace formats {@code ballast simulate --format} reads. */
public enum TraceFormat {
  AZURE_LLM("azure-llm"),
  GENERIC("generic"),
  AZURE_FUNCTIONS("azure-functions"),
  SERVEGEN("servegen");

  private final String label;

  TraceFormat(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  public static TraceFormat parse(String s) {
    String v = s.trim().toLowerCase(Locale.ROOT);
    for (TraceFormat f : values()) {
      if (f.label.equals(v)) {
        return f;
      }
    }
    throw new IllegalArgumentException(
        "unknown trace format '" + s + "'; use one of " + Arrays.stream(values()).map(TraceFormat::label).toList());
  }

  @Override
  public String toString() {
    return label;
  }
}
