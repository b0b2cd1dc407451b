package dev.ballast.cli;

import dev.ballast.sim.trace.TraceFormatException;
import java.io.IOException;
import java.io.UncheckedIOException;
import picocli.CommandLine;

/** Turns a failure into one clear line on stderr and an exit code, never a stack trace. */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
    String message =
        switch (ex) {
          case TraceFormatException t -> "trace " + t.getMessage(); // a file, a line and what is wrong there
          case IllegalArgumentException i -> i.getMessage();
          case UncheckedIOException u -> u.getCause().getMessage();
          case IOException io -> io.getMessage();
          default -> null;
        };
    if (message == null) {
      cl.getErr().println("ballast: internal error: " + ex);
      if (System.getenv("BALLAST_DEBUG") != null) {
        ex.printStackTrace(cl.getErr());
      } else {
        cl.getErr().println("(set BALLAST_DEBUG=1 for the stack trace)");
      }
      return 70;
    }
    cl.getErr().println("ballast: " + message);
    return Main.EXIT_BAD_INPUT;
  }
}
