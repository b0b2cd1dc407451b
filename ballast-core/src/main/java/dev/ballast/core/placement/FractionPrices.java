package dev.ballast.core.placement;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import org.apache.commons.math3.optim.MaxIter;
import org.apache.commons.math3.optim.linear.LinearConstraint;
import org.apache.commons.math3.optim.linear.LinearConstraintSet;
import org.apache.commons.math3.optim.linear.LinearObjectiveFunction;
import org.apache.commons.math3.optim.linear.NonNegativeConstraint;
import org.apache.commons.math3.optim.linear.Relationship;
import org.apache.commons.math3.optim.linear.SimplexSolver;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;

/**
 * What a GPU fraction of the workload is worth, in GPUs: the dual prices of the bin-packing LP over
 * the typical pods' fractions (Gilmore and Gomory's pattern LP, 1961: cover each fraction size's
 * demand with GPU patterns, fewest GPUs). By LP duality no set of fractions that fits on one GPU is
 * worth more than one GPU, and the patterns of an optimal packing are worth exactly one. So a GPU
 * whose fractions, with the best it could still take, are worth less than a whole GPU has lost the
 * difference for good: {@link #loss}. An online packer that keeps that loss low keeps each GPU on
 * the track of an optimal packing of the workload it expects (the prices are computed from the
 * typical pods, as FGD's fragmentation is, never from the pods still to come).
 *
 * <p>Solved by cutting planes: the dual LP (maximize the demand-weighted prices, every pattern worth
 * at most one) starts from the single-size patterns, and the pattern the current prices overvalue
 * most (an unbounded knapsack over the GPU's 1000 milli) is added until none is worth more than one.
 * Sizes the typical pods lack take the price of the largest priced size below them, which keeps
 * every pattern at most one.
 */
public final class FractionPrices {
  /** No fractions in the workload: every loss is zero. */
  public static final FractionPrices NONE = new FractionPrices(new int[0], new double[0]);

  private static final double TOLERANCE = 1e-9;
  private static final int MAX_ROUNDS = 500;

  /**
   * The most fraction sizes priced, the commonest first, the smaller first among equally common ones
   * (the LP grows with them: about 0.2 s at 100 sizes, 2 s at 200); the rest take the price of the
   * largest priced size below them.
   */
  static final int MAX_SIZES = 64;

  /** Price of a fraction of each milli size (index), non-decreasing. */
  private final double[] priceAt = new double[PodShape.MILLI + 1];

  /** Most that fractions fitting in each milli left (index) are worth. */
  private final double[] bestFill = new double[PodShape.MILLI + 1];

  private final int[] sizes;
  private final double[] prices;

  private FractionPrices(int[] sizes, double[] prices) {
    this.sizes = sizes;
    this.prices = prices;
    for (int i = 0; i < sizes.length; i++) {
      priceAt[sizes[i]] = Math.max(priceAt[sizes[i]], prices[i]);
    }
    for (int m = 1; m <= PodShape.MILLI; m++) {
      priceAt[m] = Math.max(priceAt[m], priceAt[m - 1]);
    }
    double[] fill = knapsack(sizes, prices).value();
    System.arraycopy(fill, 0, bestFill, 0, fill.length);
  }

  /** The prices of the fractions among {@code typical}, weighted by their shares. */
  public static FractionPrices of(TypicalPods typical) {
    TreeMap<Integer, Double> demand = new TreeMap<>();
    for (TypicalPods.Entry e : typical.entries()) {
      if (e.shape().sharesGpu()) {
        demand.merge(e.shape().gpuMilli(), e.share(), Double::sum);
      }
    }
    if (demand.isEmpty()) {
      return NONE;
    }
    if (demand.size() > MAX_SIZES) {
      List<Integer> rare = new ArrayList<>(demand.keySet());
      rare.sort(java.util.Comparator.comparingDouble((Integer m) -> demand.get(m)).thenComparing(java.util.Comparator.reverseOrder()));
      rare.subList(0, demand.size() - MAX_SIZES).forEach(demand::remove);
    }
    int[] sizes = demand.keySet().stream().mapToInt(Integer::intValue).toArray();
    double[] weights = demand.values().stream().mapToDouble(Double::doubleValue).toArray();
    return new FractionPrices(sizes, solve(sizes, weights));
  }

  /** What a fraction of {@code gpuMilli} is worth, in GPUs (0 for a whole GPU's pods: they are not priced). */
  public double price(int gpuMilli) {
    return gpuMilli >= PodShape.MILLI ? 0 : priceAt[Math.max(0, gpuMilli)];
  }

  /** The most that fractions still fitting in {@code milliLeft} are worth. */
  public double bestFill(int milliLeft) {
    return bestFill[Math.max(0, Math.min(PodShape.MILLI, milliLeft))];
  }

  /**
   * What a GPU holding fractions worth {@code priceSum}, with {@code milliLeft} left, has lost for
   * good: one GPU less their worth and the most the rest could still take (0 on an optimal pattern's track).
   */
  public double loss(double priceSum, int milliLeft) {
    return sizes.length == 0 ? 0 : Math.max(0, 1 - priceSum - bestFill(milliLeft));
  }

  /** The priced sizes, smallest first, each with its price. */
  public String describe() {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < sizes.length; i++) {
      b.append(i == 0 ? "" : ", ").append(sizes[i]).append("m ").append(String.format(java.util.Locale.ROOT, "%.3f", prices[i]));
    }
    return b.toString();
  }

  private static double[] solve(int[] sizes, double[] weights) {
    int n = sizes.length;
    List<LinearConstraint> patterns = new ArrayList<>();
    for (int i = 0; i < n; i++) { // a GPU of one size alone
      double[] a = new double[n];
      a[i] = PodShape.MILLI / sizes[i];
      patterns.add(new LinearConstraint(a, Relationship.LEQ, 1));
    }
    LinearObjectiveFunction worth = new LinearObjectiveFunction(weights, 0);
    double[] y = new double[n];
    for (int round = 0; round < MAX_ROUNDS; round++) {
      y = new SimplexSolver()
          .optimize(new MaxIter(10_000), worth, new LinearConstraintSet(patterns), GoalType.MAXIMIZE, new NonNegativeConstraint(true))
          .getPoint();
      Knapsack k = knapsack(sizes, y);
      if (k.value()[PodShape.MILLI] <= 1 + TOLERANCE) {
        break;
      }
      patterns.add(new LinearConstraint(k.countsAt(PodShape.MILLI), Relationship.LEQ, 1));
    }
    double most = knapsack(sizes, y).value()[PodShape.MILLI]; // past the round limit, scaled to be feasible
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = Math.max(0, y[i]) / Math.max(1, most);
    }
    return out;
  }

  /** Unbounded knapsack over 0..1000 milli: the most the sizes are worth within each capacity, and how. */
  private record Knapsack(double[] value, int[] lastSize, int[] sizes) {
    double[] countsAt(int capacity) {
      double[] counts = new double[sizes.length];
      for (int c = capacity; c > 0 && lastSize[c] >= 0; ) {
        if (lastSize[c] == Integer.MAX_VALUE) { // worth the same as one milli less
          c--;
          continue;
        }
        counts[lastSize[c]]++;
        c -= sizes[lastSize[c]];
      }
      return counts;
    }
  }

  private static Knapsack knapsack(int[] sizes, double[] values) {
    double[] best = new double[PodShape.MILLI + 1];
    int[] last = new int[PodShape.MILLI + 1];
    Arrays.fill(last, -1);
    for (int c = 1; c <= PodShape.MILLI; c++) {
      best[c] = best[c - 1];
      last[c] = last[c - 1] < 0 ? -1 : Integer.MAX_VALUE;
      for (int i = 0; i < sizes.length; i++) {
        if (sizes[i] <= c && best[c - sizes[i]] + values[i] > best[c] + TOLERANCE) {
          best[c] = best[c - sizes[i]] + values[i];
          last[c] = i;
        }
      }
    }
    return new Knapsack(best, last, sizes);
  }
}
