package dev.ballast.core.placement.scorer;

import dev.ballast.core.placement.Fragmentation;
import dev.ballast.core.placement.FractionPrices;
import dev.ballast.core.placement.GpuSelection;
import dev.ballast.core.placement.GpuTypeFit;
import dev.ballast.core.placement.NodeResources;
import dev.ballast.core.placement.PodShape;
import dev.ballast.core.placement.Scorer;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ballast's placement: first the GPU type that suits the pod's work best per dollar ({@link
 * GpuTypeFit}, in tenths), then, within a type band, FGD's fragmentation gradient with one more
 * pod of look-ahead ({@link NextPodOutlook}) and, for a fraction, the packing it keeps within reach
 * ({@link FractionPrices}): the drop in the node's fragmentation, less {@link #LOOKAHEAD_WEIGHT}
 * times how much worse the next typical pod's best home becomes, less {@link #PATTERN_WEIGHT}
 * times what the GPU it lands on loses for good against an optimal packing of the typical
 * fractions, at FGD's published resolution and with its consistent ties. A fraction goes to the
 * GPU FGD would choose on the node, the sum breaking FGD's ties.
 */
public final class BallastScorer implements Scorer {
  /**
   * How much the next pod's loss weighs against this pod's fragmentation drop. Chosen on the
   * default trace's first three seeds among 0.5 to 64 (1 is the plain two-step sum; 4 and above
   * left about the same, 8 the least); docs/results.md has all 17 traces with 10 seeds.
   */
  static final double LOOKAHEAD_WEIGHT = 8;

  /**
   * How much a GPU's lost worth ({@link FractionPrices#loss}, in GPUs, times 1000 milli) weighs
   * against the fragmentation drop. Chosen on the default trace's first three seeds among 0 to 16
   * (up to 1 no better than without it, 4 the least, 8 about as good); docs/results.md has all 17
   * traces with 10 seeds.
   */
  static final double PATTERN_WEIGHT = 4;

  private final NextPodOutlook outlook;
  private final FractionPrices prices;
  private final GpuTypeFit fit;
  /** This pod's offers per node state (states are shared by identity: {@link NextPodOutlook#state}). */
  private final Map<NextPodOutlook.NodeState, Offers> offersByState = new IdentityHashMap<>();
  private PodShape scoring;

  /** With the fraction prices given (a host that keeps them while its typical pods stay the same). */
  public BallastScorer(Fragmentation fragmentation, FractionPrices prices, GpuTypeFit fit) {
    this.outlook = fragmentation == null ? null : new NextPodOutlook(fragmentation); // null: a name being validated
    this.prices = prices;
    this.fit = fit;
  }

  public BallastScorer(Fragmentation fragmentation, GpuTypeFit fit) {
    this(fragmentation, fragmentation == null ? FractionPrices.NONE : FractionPrices.of(fragmentation.typical()), fit);
  }

  public BallastScorer(Fragmentation fragmentation) {
    this(fragmentation, GpuTypeFit.NONE);
  }

  @Override
  public String name() {
    return "ballast";
  }

  @Override
  public void beginPod(PodShape pod, List<NodeResources> nodes) {
    outlook.refresh(nodes);
    offersByState.clear();
    scoring = pod;
  }

  @Override
  public double score(PodShape pod, NodeResources node) {
    long band = Math.round(10 * fit.value(pod, node.gpuType())); // 0..10
    return band * 1000 + choose(pod, node)[0]; // the rest is 0..100
  }

  @Override
  public int[] selectGpus(PodShape pod, NodeResources node) {
    return pod.sharesGpu() ? new int[] {(int) choose(pod, node)[1]} : GpuSelection.wholeGpus(pod, node);
  }

  /**
   * What placing the pod on a node in one state offers, by how much the GPU it takes has left (a
   * fraction; whole GPUs: one offer): FGD's quantized drop, and the drop less the look-ahead's
   * weighted cost, raw and quantized. GPUs with the same amount left leave the node in the same
   * state, and nodes in one state (one type, the same CPU and GPUs left, in any order) offer the
   * same; what a fraction's GPU loses ({@link #lossIncrease}) depends on the fractions it holds,
   * so it is reckoned per node.
   */
  private record Offers(int[] milliLeft, long[] fgdDrop, double[] lookahead, long[] quantized) {
    int at(int left) {
      for (int i = 0; i < milliLeft.length; i++) {
        if (milliLeft[i] == left) {
          return i;
        }
      }
      throw new IllegalStateException("no offer for a GPU with " + left + "m left");
    }
  }

  /**
   * {score, gpu}. A fraction goes to the GPU FGD would choose, the one whose own fragmentation drop
   * is highest, and among GPUs FGD cannot tell apart to the one with the best sum (the first on
   * ties): the outlook weighs other nodes, not other GPUs of one node, where it would only trade
   * this pod's fit for the next one's.
   */
  private double[] choose(PodShape pod, NodeResources node) {
    if (pod != scoring) { // scored without beginPod (a direct caller): nothing from another pod may carry over
      offersByState.clear();
      scoring = pod;
    }
    Offers offers = offersByState.computeIfAbsent(outlook.stateOf(node), s -> offers(pod, node));
    if (!pod.sharesGpu()) {
      return new double[] {offers.quantized()[0], -1};
    }
    long bestDrop = Long.MIN_VALUE;
    long bestScore = Long.MIN_VALUE;
    int bestGpu = -1;
    for (int g = 0; g < node.gpuCount(); g++) {
      int left = node.gpuMilliLeft(g);
      if (left >= pod.gpuMilli()) {
        int i = offers.at(left);
        long drop = offers.fgdDrop()[i];
        if (bestGpu >= 0 && drop < bestDrop) {
          continue; // FGD's choice of GPU comes first
        }
        double lost = lossIncrease(node, g, pod);
        long s = lost == 0 ? offers.quantized()[i] : FgdScorer.quantized(offers.lookahead()[i] - PATTERN_WEIGHT * PodShape.MILLI * lost);
        if (bestGpu < 0 || drop > bestDrop || s > bestScore) {
          bestDrop = drop;
          bestScore = s;
          bestGpu = g;
        }
      }
    }
    return new double[] {bestScore, bestGpu};
  }

  private Offers offers(PodShape pod, NodeResources node) {
    NextPodOutlook.Move move = outlook.move(node, pod);
    NextPodOutlook.NodeState now = move.now();
    NextPodOutlook.NodeState[] after = move.after();
    int[] lefts = new int[after.length];
    long[] drops = new long[after.length];
    double[] sums = new double[after.length];
    long[] quantized = new long[after.length];
    int n = 0;
    for (int g = 0; g < after.length; g++) {
      int left = pod.sharesGpu() ? node.gpuMilliLeft(g) : -1;
      if (after[g] == null || contains(lefts, n, left)) {
        continue;
      }
      double drop = now.fragmentation() - after[g].fragmentation();
      lefts[n] = left;
      drops[n] = FgdScorer.quantized(drop);
      sums[n] = drop - LOOKAHEAD_WEIGHT * outlook.nextPodCost(now, after[g]);
      quantized[n] = FgdScorer.quantized(sums[n]);
      n++;
    }
    return new Offers(Arrays.copyOf(lefts, n), Arrays.copyOf(drops, n), Arrays.copyOf(sums, n), Arrays.copyOf(quantized, n));
  }

  private static boolean contains(int[] values, int n, int value) {
    for (int i = 0; i < n; i++) {
      if (values[i] == value) {
        return true;
      }
    }
    return false;
  }

  /** How much more GPU {@code g} would have lost for good with the pod on it ({@link FractionPrices#loss}). */
  private double lossIncrease(NodeResources node, int g, PodShape pod) {
    double worth = 0;
    for (int i = 0; i < node.fractionCount(g); i++) {
      worth += prices.price(node.fraction(g, i));
    }
    int left = node.gpuMilliLeft(g);
    return prices.loss(worth + prices.price(pod.gpuMilli()), left - pod.gpuMilli()) - prices.loss(worth, left);
  }
}
