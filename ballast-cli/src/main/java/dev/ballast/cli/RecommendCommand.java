package dev.ballast.cli;

import picocli.CommandLine.Command;

/** {@code ballast recommend}: the operator in recommend mode, whatever each resource's mode says. */
@Command(
    name = "recommend",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the Ballast operator in recommend mode: every InferenceScaler and GpuNodePool gets Ballast's decision in its"
          + " status and events, and nothing else in the cluster changes. Start here, read what Ballast would do, then"
          + " switch to ballast run."
    })
final class RecommendCommand extends RunCommand {
  @Override
  boolean recommendOnly() {
    return true;
  }
}
