package dev.ballast.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ballast.sim.placement.PlacementExperiment;
import dev.ballast.sim.placement.PlacementPolicies;
import dev.ballast.sim.placement.PlacementSweep;
import dev.ballast.sim.placement.PlacementTable;
import dev.ballast.sim.placement.PublishedResults;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ballast place}: the placement twin on the Alibaba GPU-sharing trace, FGD's protocol. */
@Command(
    name = "place",
    mixinStandardHelpOptions = true,
    description = {
      "Replays the Alibaba GPU-sharing trace (cluster-trace-gpu-v2023) through each placement policy in the FGD paper's"
          + " protocol: pods arrive in a seeded order, inflated by resampling until their GPU requests reach 130 %% of the"
          + " cluster's GPU capacity, without departures. Prints, per trace and policy, the share of GPU capacity left"
          + " unallocated (mean and spread over seeds), the published figure where known, the fragmentation and the wall time."
    },
    footer = {"", "Exit codes: 0 done; 2 bad input (a missing trace file or an unknown policy).", "Examples:", "  ballast place",
      "  ballast place --traces all --seeds 10 --json place.json", "  ballast place --traces default,gpushare40 --policies fgd,ballast", "  ballast place --policies fgd,ballast --seeds 3 --leftovers 5"})
final class PlaceCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--trace-dir", paramLabel = "DIR", defaultValue = "../shared/traces/alibaba-gpu-2023", description = "Folder of the trace's CSV files; default:%n${DEFAULT-VALUE}")
  Path traceDir;

  @Option(names = "--traces", paramLabel = "LIST", split = ",", defaultValue = "default",
      description = "Pod lists, each by its file's suffix (openb_pod_list_SUFFIX.csv), or 'all' for the paper's 17 (default: ${DEFAULT-VALUE}).")
  List<String> traces;

  @Option(names = "--policies", paramLabel = "LIST", split = ",",
      description = "Policies (default: random, dotprod, gpuclustering, gpupacking, bestfit, fgd, ballast; also leastallocated).")
  List<String> policies;

  @Option(names = "--seeds", paramLabel = "N", defaultValue = "10", description = "Seeds per trace and policy, 42 onward (default: ${DEFAULT-VALUE}).")
  int seeds;

  @Option(names = "--published", paramLabel = "FILE", description = "The paper's results to compare with; default, next to the trace folder:%n../shared/fgd-trace-v2023/expected_results/%nanalysis_allo_discrete.csv")
  Path published;

  @Option(names = "--json", paramLabel = "FILE", description = "Write every experiment: results[] of trace, policy, seed, unallocatedPct, fragmentationPct, failedPods, wallMs, leftoverGpus (milli left on a GPU -> GPUs).")
  Path json;

  @Option(names = "--leftovers", paramLabel = "N", defaultValue = "0",
      description = "Also print where the unallocated GPU is: the N amounts of milli-GPU left on a GPU that hold the most capacity (default: ${DEFAULT-VALUE}, none).")
  int leftovers;

  @Option(names = "--threads", paramLabel = "N", description = "Experiments in parallel (default: the number of cores).")
  Integer threads;

  @Override
  public Integer call() throws Exception {
    if (seeds < 1) {
      throw new IllegalArgumentException("--seeds must be at least 1");
    }
    List<String> traceList = traces.size() == 1 && traces.get(0).equals("all") ? PlacementSweep.PAPER_TRACES : traces;
    List<String> policyList = policies == null ? PlacementPolicies.DEFAULT : policies;
    int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    long start = System.nanoTime();
    List<PlacementExperiment.Result> results = PlacementSweep.run(traceDir, traceList, policyList, seeds, n);
    long wall = (System.nanoTime() - start) / 1_000_000;
    Path pub = published != null ? published : traceDir.toAbsolutePath().normalize().getParent().getParent()
        .resolve("fgd-trace-v2023/expected_results/analysis_allo_discrete.csv");
    PrintWriter out = spec.commandLine().getOut();
    out.print(PlacementTable.render(PlacementTable.summarize(results), PublishedResults.read(pub)));
    out.printf("%d experiments in %.1f s (%d threads)%n", results.size(), wall / 1000.0, n);
    if (leftovers > 0) {
      out.println();
      out.print(PlacementTable.renderLeftovers(results, leftovers));
    }
    if (json != null) {
      ObjectMapper m = new ObjectMapper();
      ObjectNode root = m.createObjectNode();
      root.put("schemaVersion", 1);
      root.put("protocol", "FGD (Weng et al., ATC'23): seeded order, resampled to 130% of GPU capacity, no departures; 1,213 GPU nodes");
      ArrayNode arr = root.putArray("results");
      for (PlacementExperiment.Result r : results) {
        ObjectNode row = arr.addObject().put("trace", r.trace()).put("policy", r.policy()).put("seed", r.seed()).put("unallocatedPct", r.unallocatedPct())
            .put("fragmentationPct", r.fragmentationPct()).put("pods", r.pods()).put("failedPods", r.failedPods()).put("wallMs", r.wallMs());
        ObjectNode left = row.putObject("leftoverGpus"); // milli-GPU left on a GPU -> GPUs
        r.leftoverGpus().forEach((milli, count) -> left.put(String.valueOf(milli), count));
      }
      m.writerWithDefaultPrettyPrinter().writeValue(json.toFile(), root);
      out.println("wrote " + json);
    }
    out.flush();
    return 0;
  }
}
