package dev.ballast.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class CatalogTest {
  final Catalog catalog = DefaultCatalog.get();

  @Test
  void shipsTheGpuTypesTheIssueNamesWithSourcedPrices() {
    assertThat(catalog.gpus().keySet()).contains("T4", "L4", "A10G", "A100-40GB", "A100-80GB", "H100-80GB", "H200");
    for (GpuType g : catalog.gpus().values()) {
      assertThat(g.pricePerGpuHour().usdPerHour()).isPositive();
      assertThat(g.pricePerGpuHour().source()).isNotBlank();
    }
    assertThat(catalog.gpu("H100-80GB").migCapable()).isTrue();
    assertThat(catalog.gpu("L4").migCapable()).isFalse();
  }

  @Test
  void everyModelHasAnEightBAndSeventyBWithProfiles() {
    Model small = catalog.model("llama-3.1-8b");
    Model large = catalog.model("llama-3.1-70b");
    assertThat(small.profileOn("H100-80GB")).isPresent();
    assertThat(large.profileOn("H100-80GB").orElseThrow().gpusPerReplica()).isEqualTo(4);
    assertThat(small.profileOn("T4")).as("8B in 16-bit does not fit a T4").isEmpty();
    assertThat(small.contextWindowTokens()).isGreaterThanOrEqualTo(100_000);
  }

  @Test
  void nodePricesShareOutToGpusAndStoppedNodesPayForDiskOnly() {
    NodeType p5 = catalog.nodeType("p5.48xlarge");
    assertThat(p5.usdPerGpuSecond() * 3600).isCloseTo(6.88, within(1e-9));
    NodeType small = catalog.nodeType("p5.4xlarge");
    assertThat(small.stoppedUsdPerSecond() * 3600).isCloseTo(300 * 0.08 / 730, within(1e-9));
    assertThat(small.stoppedUsdPerSecond()).isLessThan(small.runningUsdPerSecond() / 100);
  }

  @Test
  void unknownNamesAreRefusedWithTheKnownOnes() {
    assertThatThrownBy(() -> catalog.gpu("B200")).hasMessageContaining("unknown GPU type 'B200'").hasMessageContaining("H100-80GB");
    assertThatThrownBy(() -> catalog.with(List.of(), List.of(), List.of(brokenModel()))).hasMessageContaining("unknown GPU type");
  }

  private static Model brokenModel() {
    ServingProfile p = new ServingProfile("X1", 1, 1000, 10, 0.01, 8, 1000, "test");
    return new Model("m", 1, 1, 100, 1, java.util.Map.of("X1", p), "test");
  }

  @Test
  void itlGrowsWithTheBatchAndFullBatchesAreMostEfficient() {
    ServingProfile h100 = catalog.model("llama-3.1-8b").profileOn("H100-80GB").orElseThrow();
    assertThat(h100.itlSeconds(1)).isCloseTo(0.007, within(1e-12));
    assertThat(h100.itlSeconds(101)).isCloseTo(0.007 * 2, within(1e-12));
    double perTokenAtOne = h100.itlSeconds(1);
    assertThat(h100.bestDecodeGpuSecondsPerToken()).isLessThan(perTokenAtOne / 50);
  }

  @Test
  void replicaStartSkipsWhatTheNodeCaches() {
    Model m = catalog.model("llama-3.1-8b");
    ReplicaStartup s = catalog.replicaStartup();
    ReplicaStartup.Phases cold = s.medianPhases(m, false, false);
    ReplicaStartup.Phases warm = s.medianPhases(m, true, true);
    assertThat(cold.imagePull()).isCloseTo(10e9 / 60e6, within(1e-6));
    assertThat(warm.imagePull()).isZero();
    assertThat(warm.weightsFetch()).isZero();
    assertThat(warm.loadToGpu()).isEqualTo(cold.loadToGpu());
    assertThat(cold.total()).isGreaterThan(warm.total() + 150);
  }

  @Test
  void logNormalDelaysAreSeededAndCentredOnTheirMedian() {
    Delay d = Delay.logNormal(java.time.Duration.ofSeconds(60), java.time.Duration.ofSeconds(120));
    var a = new java.util.SplittableRandom(7);
    var b = new java.util.SplittableRandom(7);
    int below = 0;
    for (int i = 0; i < 10_000; i++) {
      double x = d.sampleSeconds(a);
      assertThat(x).isEqualTo(d.sampleSeconds(b));
      if (x < 60) {
        below++;
      }
    }
    assertThat(below).isBetween(4_800, 5_200);
  }
}
