package dev.ballast.bench;

import dev.ballast.core.placement.Fragmentation;
import dev.ballast.core.placement.NodeResources;
import dev.ballast.core.placement.Permit;
import dev.ballast.core.placement.Placement;
import dev.ballast.core.placement.PodShape;
import dev.ballast.core.placement.Scheduler;
import dev.ballast.core.placement.Scorer;
import dev.ballast.core.placement.TypicalPods;
import dev.ballast.core.placement.scorer.BallastScorer;
import dev.ballast.core.placement.scorer.BestFitScorer;
import dev.ballast.core.placement.scorer.FgdScorer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One placement decision (filter, score and select over every node) on a cluster of {@code nodes}
 * nodes shaped like the Alibaba GPU cluster (8-GPU, 2-GPU and 4-GPU nodes of several types),
 * filled to about 60 % by pods of a GPU-sharing mix, for a pod drawn from that mix. The decision
 * does not bind, so the cluster stays as set up. Sample mode gives the latency percentiles.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PlacementBenchmark {
  @Param({"1500", "10000"})
  int nodes;

  @Param({"fgd", "ballast", "bestfit"})
  String policy;

  List<NodeResources> cluster;
  List<PodShape> mix;
  Scheduler scheduler;
  SplittableRandom random;

  /** A GPU-sharing mix like the trace's: fractions, whole GPUs, a few multi-GPU pods, CPU-only pods. */
  static List<PodShape> mix() {
    List<PodShape> m = new ArrayList<>();
    int[] shares = {810, 470, 320, 650, 230, 500, 250};
    for (int i = 0; i < 40; i++) {
      m.add(new PodShape("share" + i, 4000 + 2000 * (i % 4), 16_384, 1, shares[i % shares.length], ""));
    }
    for (int i = 0; i < 45; i++) {
      m.add(new PodShape("one" + i, 8000 + 4000 * (i % 3), 32_768, 1, 1000, i % 9 == 0 ? "V100M16|V100M32" : ""));
    }
    m.add(new PodShape("two", 16_000, 65_536, 2, 1000, ""));
    m.add(new PodShape("eight", 64_000, 262_144, 8, 1000, ""));
    for (int i = 0; i < 13; i++) {
      m.add(new PodShape("cpu" + i, 2000 + 1000 * (i % 5), 4096, 0, 0, ""));
    }
    return m;
  }

  @Setup
  public void setup() {
    random = new SplittableRandom(7);
    mix = mix();
    cluster = new ArrayList<>();
    String[] types = {"G2", "G2", "G2", "T4", "T4", "P100", "V100M32", "V100M16"};
    int[] gpus = {8, 8, 8, 2, 2, 2, 8, 4};
    for (int i = 0; i < nodes; i++) {
      int k = i % types.length;
      cluster.add(new NodeResources("node-" + i, types[k], gpus[k] == 8 ? 96_000 : 64_000, 393_216, gpus[k]));
    }
    Fragmentation f = new Fragmentation(TypicalPods.of(mix, 0.95));
    Scorer scorer = switch (policy) {
      case "fgd" -> new FgdScorer(f);
      case "ballast" -> new BallastScorer(f);
      default -> new BestFitScorer();
    };
    scheduler = new Scheduler(scorer, Permit.ALLOW, Scheduler.TieBreak.FIRST);
    long capacity = cluster.stream().mapToLong(n -> n.gpuCount() * 1000L).sum();
    long placed = 0;
    while (placed < 0.6 * capacity) {
      PodShape p = mix.get(random.nextInt(mix.size()));
      Placement pl = scheduler.place(p, cluster, random);
      if (!pl.placed()) {
        break;
      }
      cluster.get(pl.node()).bind(p, pl.gpus());
      placed += p.totalGpuMilli();
    }
  }

  @Benchmark
  public Placement decide() {
    return scheduler.place(mix.get(random.nextInt(mix.size())), cluster, random);
  }
}
