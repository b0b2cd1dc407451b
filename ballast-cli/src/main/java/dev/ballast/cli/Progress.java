package dev.ballast.cli;

import dev.ballast.sim.run.Twin;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A progress bar on stderr for runs longer than about 2 s, only when a person is watching (a
 * terminal); redirected output stays clean.
 */
final class Progress implements AutoCloseable {
  private static final long SHOW_AFTER_MS = 2000;

  private final List<Twin> twins = new CopyOnWriteArrayList<>();
  private final int total;
  private final PrintStream err;
  private final Thread thread;
  private volatile boolean done;
  private boolean shown;

  Progress(int total, PrintStream err, boolean enabled) {
    this.total = total;
    this.err = err;
    long start = System.currentTimeMillis();
    this.thread =
        new Thread(
            () -> {
              while (!done) {
                try {
                  Thread.sleep(200);
                } catch (InterruptedException e) {
                  return;
                }
                if (System.currentTimeMillis() - start >= SHOW_AFTER_MS && !done) {
                  draw(System.currentTimeMillis() - start);
                }
              }
            },
            "progress");
    thread.setDaemon(true);
    if (enabled) {
      thread.start();
    }
  }

  static boolean terminalAttached() {
    return System.console() != null && System.getenv("TERM") != null && !"dumb".equals(System.getenv("TERM"));
  }

  void started(Twin twin) {
    twins.add(twin);
  }

  private synchronized void draw(long elapsedMs) {
    double sum = 0;
    for (Twin t : twins) {
      sum += t.progress();
    }
    double fraction = total == 0 ? 1 : sum / total;
    int width = 30;
    int filled = (int) Math.round(fraction * width);
    err.printf("\r[%s%s] %3.0f%%  %d/%d policies  %.0fs", "#".repeat(filled), " ".repeat(width - filled), fraction * 100,
        twins.stream().filter(t -> t.progress() >= 1).count(), total, elapsedMs / 1000.0);
    err.flush();
    shown = true;
  }

  @Override
  public synchronized void close() {
    done = true;
    thread.interrupt();
    if (shown) {
      err.print("\r" + " ".repeat(70) + "\r");
      err.flush();
    }
  }
}
