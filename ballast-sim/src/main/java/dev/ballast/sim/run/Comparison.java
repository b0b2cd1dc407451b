package dev.ballast.sim.run;

import dev.ballast.sim.bound.WorkConservingBound;
import dev.ballast.sim.scenario.Scenario;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Runs every contender on the same scenario and seed, next to the lower bound. Runs are
 * independent, so they go in parallel; results keep the contenders' order, so output is
 * deterministic whatever the thread timing.
 */
public final class Comparison {
  private Comparison() {}

  /** The whole comparison: the bound and one result per contender. */
  public record Result(Scenario scenario, long seed, WorkConservingBound.Result bound, List<RunResult> runs) {}

  public static Result run(
      Scenario scenario, List<Contender> contenders, long seed, boolean keepTimeline, int threads, Consumer<RunResult> onDone) {
    return run(scenario, contenders, seed, keepTimeline, threads, t -> {}, onDone);
  }

  /** As above, telling {@code onStart} about each twin as it starts (for progress display). */
  public static Result run(
      Scenario scenario,
      List<Contender> contenders,
      long seed,
      boolean keepTimeline,
      int threads,
      Consumer<Twin> onStart,
      Consumer<RunResult> onDone) {
    double warmup = dev.ballast.sim.scenario.TwinSettings.warmupSeconds(scenario.settings(), scenario.trace().endSeconds());
    WorkConservingBound.Result bound = WorkConservingBound.of(scenario).over(scenario, seed, warmup);
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, contenders.size())), r -> {
      Thread t = new Thread(r, "twin");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<RunResult>> futures = new ArrayList<>();
      for (Contender c : contenders) {
        futures.add(
            pool.submit(
                () -> {
                  Twin twin = new Twin(scenario, c, seed, keepTimeline);
                  onStart.accept(twin);
                  RunResult r = twin.run();
                  onDone.accept(r);
                  return r;
                }));
      }
      List<RunResult> runs = new ArrayList<>();
      for (Future<RunResult> f : futures) {
        runs.add(f.get());
      }
      return new Result(scenario, seed, bound, runs);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }
}
