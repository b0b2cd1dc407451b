package dev.ballast.sim.placement;

import dev.ballast.core.placement.PodShape;
import dev.ballast.sim.trace.OpenbTraceReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Runs placement experiments over traces, policies and seeds, in parallel, results in a fixed order. */
public final class PlacementSweep {
  /** The seventeen pod lists of the FGD paper's experiments. */
  public static final List<String> PAPER_TRACES =
      List.of(
          "default", "cpu050", "cpu100", "cpu200", "cpu250", "gpushare100", "gpushare40", "gpushare60", "gpushare80", "gpuspec10", "gpuspec20",
          "gpuspec25", "gpuspec33", "multigpu20", "multigpu30", "multigpu40", "multigpu50");

  /** The node list the paper's simulator places on: the 1,213 GPU nodes. */
  public static final String NODE_LIST = "openb_node_list_gpu_node.csv";

  /** The first seed, as in the reference run scripts (42 … 51). */
  public static final long FIRST_SEED = 42;

  private PlacementSweep() {}

  public static Path podList(Path traceDir, String trace) {
    return traceDir.resolve("openb_pod_list_" + trace + ".csv");
  }

  /** Refuses early, naming what is missing and where it belongs. */
  public static void check(Path traceDir, List<String> traces) {
    List<String> missing = new ArrayList<>();
    if (!Files.isRegularFile(traceDir.resolve(NODE_LIST))) {
      missing.add(NODE_LIST);
    }
    for (String t : traces) {
      if (!Files.isRegularFile(podList(traceDir, t))) {
        missing.add(podList(traceDir, t).getFileName().toString());
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException(
          traceDir.toAbsolutePath().normalize() + ": missing " + missing + ". Put the Alibaba cluster-trace-gpu-v2023 CSV files"
              + " (github.com/alibaba/clusterdata, cluster-trace-gpu-v2023/csv/; research use only, so they are not shipped) in that"
              + " folder, or point --trace-dir at them.");
    }
  }

  public static List<PlacementExperiment.Result> run(Path traceDir, List<String> traces, List<String> policies, int seeds, int threads) {
    check(traceDir, traces);
    for (String p : policies) {
      PlacementPolicies.create(p, null, null); // refuse unknown names before any work
    }
    List<OpenbTraceReader.NodeSpec> nodes = OpenbTraceReader.nodes(traceDir.resolve(NODE_LIST));
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
      Thread t = new Thread(r, "place");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<PlacementExperiment.Result>> futures = new ArrayList<>();
      for (String trace : traces) {
        List<PodShape> pods = OpenbTraceReader.pods(podList(traceDir, trace));
        for (String policy : policies) {
          for (int s = 0; s < seeds; s++) {
            long seed = FIRST_SEED + s;
            futures.add(pool.submit(() -> PlacementExperiment.run(trace, nodes, pods, policy, seed)));
          }
        }
      }
      List<PlacementExperiment.Result> out = new ArrayList<>();
      for (Future<PlacementExperiment.Result> f : futures) {
        out.add(f.get());
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }
}
