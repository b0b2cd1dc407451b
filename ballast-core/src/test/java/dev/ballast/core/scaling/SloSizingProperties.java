package dev.ballast.core.scaling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.core.catalog.DefaultCatalog;
import dev.ballast.core.catalog.ServingProfile;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/**
 * The SLO sizing answers as a sizing must, for every GPU type's profile and token mix: a looser
 * target, a larger allowed miss or a smoother arrival stream never lowers what one replica may
 * take, and it never exceeds the replica's saturation rate.
 */
class SloSizingProperties {
  @Property(tries = 300)
  void aLooserSloNeverLowersTheUsableRate(
      @ForAll @IntRange(min = 0, max = 2) int gpu,
      @ForAll @IntRange(min = 50, max = 8000) int prompt,
      @ForAll @IntRange(min = 1, max = 1000) int output,
      @ForAll @DoubleRange(min = 0.2, max = 10) double target,
      @ForAll @DoubleRange(min = 1, max = 3) double looser,
      @ForAll @DoubleRange(min = 0.0005, max = 0.05) @net.jqwik.api.constraints.Scale(5) double miss,
      @ForAll @DoubleRange(min = 1, max = 4) double moreMiss,
      @ForAll @DoubleRange(min = 0.2, max = 4) double scv) {
    String type = new String[] {"H100-80GB", "A100-80GB", "L4"}[gpu];
    ServingProfile profile = DefaultCatalog.get().model("llama-3.1-8b").profileOn(type).orElseThrow();
    TokenMix mix = new TokenMix(prompt, output);
    double base = SloSizing.usableRate(profile, mix, target, miss, scv, 1);
    double saturation = ReplicaThroughput.saturationRequestsPerSecond(profile, mix);
    assertThat(base).as("%s %s", type, mix).isBetween(0.0, saturation * (1 + 1e-9));
    double tol = 0.01 * base + 1e-9; // the rate is found by bisection, to about 1 %
    assertThat(SloSizing.usableRate(profile, mix, target * looser, miss, scv, 1)).as("looser target, %s %s", type, mix).isGreaterThanOrEqualTo(base - tol);
    assertThat(SloSizing.usableRate(profile, mix, target, Math.min(0.5, miss * moreMiss), scv, 1)).as("larger miss, %s %s", type, mix).isGreaterThanOrEqualTo(base - tol);
    assertThat(SloSizing.usableRate(profile, mix, target, miss, scv / looser, 1)).as("smoother arrivals, %s %s", type, mix).isGreaterThanOrEqualTo(base - tol);
  }
}
