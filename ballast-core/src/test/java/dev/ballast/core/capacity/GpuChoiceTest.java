package dev.ballast.core.capacity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.core.catalog.Catalog;
import dev.ballast.core.catalog.DefaultCatalog;
import dev.ballast.core.scaling.TokenMix;
import dev.ballast.core.service.ServiceSpec;
import dev.ballast.core.service.Slo;
import dev.ballast.core.spi.NodePool;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class GpuChoiceTest {
  static final Catalog CATALOG = DefaultCatalog.get();
  static final List<NodePool> POOLS =
      List.of(new NodePool("h100", "p5.4xlarge", 0, 10), new NodePool("l4", "g6.xlarge", 0, 10), new NodePool("a10g", "g5.xlarge", 0, 10));

  static ServiceSpec service(Duration ttft, List<String> allowed) {
    return new ServiceSpec("svc", "llama-3.1-8b", new Slo(ttft, 0.99), 0, 10, allowed);
  }

  @Test
  void theCheapestPerSloRequestWinsAndTheReasonListsEveryOption() {
    GpuChoice.Choice c = GpuChoice.choose(service(Duration.ofSeconds(2), List.of()), POOLS, CATALOG, new TokenMix(1000, 200), 0.0025, null);
    assertThat(c.options()).hasSize(3);
    assertThat(c.best()).isEqualTo(c.options().get(0));
    for (GpuChoice.Option o : c.options()) {
      assertThat(o.usdPerRequest()).isGreaterThanOrEqualTo(c.best().usdPerRequest());
      assertThat(c.reason()).contains(o.gpuTypeId());
    }
  }

  @Test
  void theTokenMixAndTargetDecide() {
    // long prompts under a tight target: only a fast prefill keeps TTFT, the H100 wins
    GpuChoice.Choice longPrompts =
        GpuChoice.choose(service(Duration.ofMillis(500), List.of()), POOLS, CATALOG, new TokenMix(4000, 20), 0.0025, null);
    assertThat(longPrompts.best().gpuTypeId()).isEqualTo("H100-80GB");
    // short prompts and a loose target: cheaper GPUs may serve each request for less
    GpuChoice.Choice shortPrompts =
        GpuChoice.choose(service(Duration.ofSeconds(10), List.of()), POOLS, CATALOG, new TokenMix(200, 50), 0.0025, null);
    assertThat(shortPrompts.best().usdPerRequest()).isLessThanOrEqualTo(shortPrompts.options().get(1).usdPerRequest());
  }

  @Test
  void onlyAllowedTypesAreOffered() {
    GpuChoice.Choice c = GpuChoice.choose(service(Duration.ofSeconds(2), List.of("L4")), POOLS, CATALOG, new TokenMix(1000, 200), 0.0025, null);
    assertThat(c.options()).extracting(GpuChoice.Option::gpuTypeId).containsExactly("L4");
    assertThat(GpuChoice.choose(service(Duration.ofSeconds(2), List.of("H200")), POOLS, CATALOG, new TokenMix(1000, 200), 0.0025, null)).isNull();
  }

  @Test
  void theTypeInUseStaysUnlessAnotherIsClearlyCheaper() {
    ServiceSpec svc = service(Duration.ofSeconds(2), List.of());
    TokenMix mix = new TokenMix(1000, 200);
    GpuChoice.Choice free = GpuChoice.choose(svc, POOLS, CATALOG, mix, 0.0025, null);
    GpuChoice.Option runnerUp = free.options().get(1);
    GpuChoice.Choice sticky = GpuChoice.choose(svc, POOLS, CATALOG, mix, 0.0025, runnerUp.gpuTypeId());
    boolean clearlyCheaper = free.best().usdPerRequest() <= GpuChoice.SWITCH_MARGIN * runnerUp.usdPerRequest();
    assertThat(sticky.best().gpuTypeId()).isEqualTo(clearlyCheaper ? free.best().gpuTypeId() : runnerUp.gpuTypeId());
  }
}
