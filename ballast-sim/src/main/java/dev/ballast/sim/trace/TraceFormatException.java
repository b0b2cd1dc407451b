package dev.ballast.sim.trace;

/** A trace file that cannot be read: names the file, the line and what is wrong with it. */
public final class TraceFormatException extends RuntimeException {
  private final String file;
  private final long line;

  public TraceFormatException(String file, long line, String reason) {
    super(file + (line > 0 ? ":" + line : "") + ": " + reason);
    this.file = file;
    this.line = line;
  }

  public String file() {
    return file;
  }

  public long line() {
    return line;
  }
}
