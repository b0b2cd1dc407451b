package dev.ballast.cli;

import dev.ballast.sim.scenario.ConfigurationReference;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/** {@code ballast settings}: prints every setting with its default, range and meaning. */
@Command(
    name = "settings",
    mixinStandardHelpOptions = true,
    description = "Prints every setting (for scenario files and --set) with its type, default, range and description, as Markdown.")
final class SettingsCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getOut().print(ConfigurationReference.render());
    spec.commandLine().getOut().flush();
    return 0;
  }
}
