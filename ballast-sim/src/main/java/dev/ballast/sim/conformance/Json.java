package dev.ballast.sim.conformance;

import com.fasterxml.jackson.databind.JsonNode;

/** Reads optional vector fields, where JSON null means "unset". */
final class Json {
  private Json() {}

  static boolean present(JsonNode n, String field) {
    return n.has(field) && !n.get(field).isNull();
  }

  static Double optDouble(JsonNode n, String field) {
    return present(n, field) ? n.get(field).asDouble() : null;
  }

  static Integer optInt(JsonNode n, String field) {
    return present(n, field) ? n.get(field).asInt() : null;
  }

  static Long optLong(JsonNode n, String field) {
    return present(n, field) ? n.get(field).asLong() : null;
  }
}
