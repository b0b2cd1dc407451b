package dev.ballast.sim.conformance;

/** One conformance vector's outcome; {@code detail} says what differed. */
public record CaseResult(String file, String id, boolean passed, String detail) {}
