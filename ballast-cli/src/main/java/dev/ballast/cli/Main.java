package dev.ballast.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ballast} command. */
@Command(
    name = "ballast",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Runs AI workloads on Kubernetes without idle GPU waste and without missing their SLOs.",
    subcommands = {SimulateCommand.class, RunCommand.class, RecommendCommand.class, PlaceCommand.class, SurgeCommand.class, ForecastCommand.class, ConformanceCommand.class, SettingsCommand.class, CommandLine.HelpCommand.class})
public final class Main {

  /** Bad input (a malformed trace or config): the run never started, nothing is presented. */
  public static final int EXIT_BAD_INPUT = 2;

  public static void main(String[] args) {
    System.exit(run(new java.io.PrintWriter(System.out, true), new java.io.PrintWriter(System.err, true), args));
  }

  static int run(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
    CommandLine cl = new CommandLine(new Main());
    cl.setOut(out);
    cl.setErr(err);
    cl.setExecutionExceptionHandler(new ErrorHandler());
    cl.setParameterExceptionHandler(
        (ex, a) -> {
          ex.getCommandLine().getErr().println("ballast: " + ex.getMessage());
          ex.getCommandLine().getErr().println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
          return EXIT_BAD_INPUT;
        });
    return cl.execute(args);
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"ballast " + (v == null ? "dev" : v)};
    }
  }
}
