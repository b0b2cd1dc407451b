package dev.ballast.sim.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class FrontierTest {
  static Frontier.Point p(String name, double attainment, double cost) {
    return new Frontier.Point(name, attainment, cost);
  }

  @Test
  void theFrontKeepsOnlyPointsNothingCheaperBeats() {
    Frontier f = Frontier.ofPoints(List.of(p("hpa@30", 0.90, 200), p("hpa@50", 0.80, 120), p("hpa@70", 0.70, 130), p("hpa@90", 0.60, 90)));
    // @70 costs more than @50 for less attainment: dominated
    assertThat(f.front("hpa")).extracting(Frontier.Point::name).containsExactly("hpa@90", "hpa@50", "hpa@30");
  }

  @Test
  void costAtInterpolatesOnTheFrontOrSaysHowFarTheFamilyGets() {
    Frontier f = Frontier.ofPoints(List.of(p("ballast@0.9", 0.94, 100), p("ballast@0.99", 0.99, 150)));
    Frontier.CostAt mid = f.costAt("ballast", 0.965);
    assertThat(mid.reached()).isTrue();
    assertThat(mid.costUsd()).isCloseTo(125, within(1e-9));
    Frontier.CostAt beyond = f.costAt("ballast", 0.995);
    assertThat(beyond.reached()).isFalse();
    assertThat(beyond.attainedInstead()).isEqualTo(0.99);
    assertThat(beyond.costUsd()).isEqualTo(150);
  }

  @Test
  void whereNoBaselineReachesTheTargetBallastIsAlsoComparedWhereTheBestOneStops() {
    Frontier f =
        Frontier.ofPoints(
            List.of(p("ballast@0.5", 0.86, 110), p("ballast@0.95", 0.996, 153), p("hpa+karpenter@30", 0.83, 128), p("keda+ca@50", 0.72, 134)));
    FrontierTable.Comparison c = FrontierTable.compare(f, 0.99);
    assertThat(c.baselineReached()).isFalse();
    assertThat(c.baseline()).isEqualTo("hpa+karpenter");
    // at 83 % Ballast's cheapest point (86 %, $110) already reaches it: 110 / 128
    assertThat(c.text()).contains("highest: hpa+karpenter at 83.0% for $128.00", "at 83.0% ballast costs $110.00 = 0.86x");
  }

  @Test
  void aBaselineThatReachesTheTargetIsComparedAtIt() {
    Frontier f = Frontier.ofPoints(List.of(p("ballast@0.5", 0.999, 100), p("keda+ca@30", 0.9998, 160), p("hpa+ca@50", 0.9995, 170)));
    FrontierTable.Comparison c = FrontierTable.compare(f, 0.99);
    assertThat(c.baselineReached()).isTrue();
    assertThat(c.text()).contains("0.63x the cheapest autoscaler reaching it (keda+ca, $160.00)");
  }

  @Test
  void staticPeakIsReportedOnItsOwnLineNotAsTheBaselineToBeat() {
    Frontier f = Frontier.ofPoints(
        List.of(p("ballast@0.5", 0.999, 100), p("static-peak@100", 0.9999, 90), p("hpa+ca@50", 0.9995, 170), p("kpa+ca@50", 0.95, 120)));
    FrontierTable.Comparison c = FrontierTable.compare(f, 0.99);
    assertThat(c.baseline()).isEqualTo("hpa+ca");
    assertThat(FrontierTable.render(f, 50))
        .contains("at 99.0%: ballast $100.00 = 0.59x the cheapest autoscaler reaching it (hpa+ca, $170.00)")
        .contains("at 99.0%: ballast $100.00 = 1.11x static-peak ($90.00), which is given the trace's peak before the run");
  }

  @Test
  void theClairvoyantReferenceIsNoAutoscalerEither() {
    Frontier f = Frontier.ofPoints(
        List.of(p("ballast@0.5", 0.999, 100), p("clairvoyant+karpenter@70", 0.995, 80), p("hpa+ca@50", 0.9995, 170)));
    assertThat(FrontierTable.compare(f, 0.99).baseline()).isEqualTo("hpa+ca");
    assertThat(FrontierTable.render(f, 50))
        .contains("at 99.0%: ballast $100.00 = 1.25x clairvoyant+karpenter ($80.00), which reads the whole trace ahead");
  }
}
