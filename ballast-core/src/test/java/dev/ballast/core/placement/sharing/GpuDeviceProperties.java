package dev.ballast.core.placement.sharing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever is asked of a GPU, in any order, its invariants hold and refusals change nothing. */
class GpuDeviceProperties {
  sealed interface Op {}

  record Claim(GpuClaim claim) implements Op {}

  record Release(int which) implements Op {}

  @Provide
  Arbitrary<List<Op>> ops() {
    Arbitrary<Isolation> isolation =
        Arbitraries.oneOf(
            Arbitraries.just(Isolation.exclusive()),
            Arbitraries.just(Isolation.mps()),
            Arbitraries.just(Isolation.timeSliced()),
            Arbitraries.of(profileNames()).injectNull(0.3).map(Isolation::mig));
    Arbitrary<Op> claim =
        Combinators.combine(isolation, Arbitraries.integers().between(0, 1000), Arbitraries.integers().between(0, 1000),
                Arbitraries.longs().between(0, 90_000), Arbitraries.longs().between(0, 90_000))
            .as((iso, c1, c2, m1, m2) ->
                (Op) new Claim(new GpuClaim("pod", iso, Math.min(c1, c2), Math.max(c1, c2), Math.min(m1, m2), Math.max(m1, m2), true)));
    Arbitrary<Op> release = Arbitraries.integers().between(0, 20).map(Release::new);
    return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, claim), net.jqwik.api.Tuple.of(1, release)).list().ofMaxSize(60);
  }

  /** Every built-in profile name, and one no GPU offers. */
  static List<String> profileNames() {
    List<String> names = new ArrayList<>(MigProfiles.builtIns().stream().flatMap(t -> t.profiles().stream()).map(MigProfile::id).distinct().toList());
    names.add("5g.50gb");
    return names;
  }

  @Provide
  Arbitrary<GpuDevice> devices() {
    Map<String, Long> memoryMib = Map.of("H100-80GB", 81_559L, "H200", 143_771L, "A100-80GB", 81_920L, "A100-40GB", 40_960L, "L4", 23_034L);
    return Arbitraries.of(memoryMib.keySet().stream().sorted().toList()).map(t -> GpuDevice.of(0, t, memoryMib.get(t), 1_024));
  }

  @Property(tries = 300)
  void invariantsHoldAfterEveryChange(@ForAll("ops") List<Op> ops, @ForAll("devices") GpuDevice d) {
    List<String> pods = new ArrayList<>();
    int n = 0;
    for (Op op : ops) {
      switch (op) {
        case Claim c -> {
          GpuClaim named = new GpuClaim("p" + n++, c.claim().isolation(), c.claim().computeMilliRequest(), c.claim().computeMilliLimit(),
              c.claim().memoryMibRequest(), c.claim().memoryMibLimit(), true);
          int before = d.allocations().size();
          if (d.refusal(named) == null) {
            d.allocate(named);
            pods.add(named.pod());
          } else {
            assertThat(d.allocations()).hasSize(before);
          }
        }
        case Release r -> {
          if (!pods.isEmpty()) {
            d.release(pods.remove(r.which() % pods.size()));
          }
        }
      }
      assertThat(d.violation()).as(d.allocations().toString()).isNull();
    }
  }
}
