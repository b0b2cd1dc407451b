package dev.ballast.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.core.spi.Action;
import dev.ballast.core.spi.Plan;
import dev.ballast.core.spi.PodPhase;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BallastPolicyTest {
  @Test
  void anUnderUsedEightGpuNodeIsEmptiedAndItsReplicasGoOnlyOnceTheirReplacementsServe() {
    PolicyHarness h = fullAndLight(20);
    java.util.List<Action> seen = new java.util.ArrayList<>();
    for (int t = 0; t <= 400; t += 10) {
      h.scrape(t, 20, 10, 0); // light load: the eight are the service's minimum
      Plan plan = h.decide(t);
      seen.addAll(plan.actions());
      h.apply(plan); // the harness's new replicas serve at once
    }
    Action.ScaleReplicas up = (Action.ScaleReplicas) seen.stream().filter(a -> a instanceof Action.ScaleReplicas).findFirst().orElseThrow();
    assertThat(up.replicas()).isEqualTo(10);
    assertThat(up.reason()).contains("consolidate light: 2 of 8 GPUs in use");
    assertThat(seen.indexOf(up)).isLessThan(seen.stream().filter(a -> a instanceof Action.RemoveReplica).mapToInt(seen::indexOf).min().orElseThrow());
    assertThat(seen).filteredOn(a -> a instanceof Action.RemoveReplica).extracting(a -> ((Action.RemoveReplica) a).podId()).containsExactlyInAnyOrder("chat-6", "chat-7");
    assertThat(h.live()).isEqualTo(8);
  }

  @Test
  void aNodeIsNotEmptiedWhileItsServiceIsAtItsMaximumAndCouldStartNoReplacement() {
    assertThat(nodesEmptied(20)).as("below its maximum the light node is emptied").containsExactly("light");
    // at its maximum no replacement could start: a move would only wait out its timeout, blocking every other node
    assertThat(nodesEmptied(8)).isEmpty();
  }

  /** Eight replicas (the service's minimum), six on one eight-GPU node and two on another. */
  private static PolicyHarness fullAndLight(int maxReplicas) {
    PolicyHarness h = new PolicyHarness(8, maxReplicas, Map.of());
    h.cluster.pods.replaceAll(p -> new dev.ballast.core.spi.PodView(
        p.id(), p.serviceId(), p.id().compareTo("chat-6") < 0 ? "full" : "light", p.gpuTypeId(), p.phase(), p.resources(), p.phaseSince()));
    h.cluster.pools.add(new dev.ballast.core.spi.NodePool("h100x8", "p5.48xlarge", 0, 10));
    h.cluster.node("full", dev.ballast.core.spi.NodeState.READY, 8, 6).node("light", dev.ballast.core.spi.NodeState.READY, 8, 2);
    return h;
  }

  /** The eight replicas of {@link #fullAndLight} under light load: the nodes Ballast starts to empty. */
  private static java.util.Set<String> nodesEmptied(int maxReplicas) {
    PolicyHarness h = fullAndLight(maxReplicas);
    java.util.Set<String> emptied = new java.util.TreeSet<>();
    for (int t = 0; t <= 400; t += 10) {
      h.scrape(t, 20, 10, 0);
      Plan plan = h.decide(t);
      h.policy.emptying().ifPresent(emptied::add);
      h.apply(plan);
    }
    return emptied;
  }

  @Test
  void anEmptyNodeIsStoppedAtOnceByDefaultAndAfterTheGraceWhenOneIsSet() {
    assertThat(firstActionOnEmptyNode(Map.of())).as("default: at the first decision with fresh metrics").isEqualTo(10);
    assertThat(firstActionOnEmptyNode(Map.of("ballast.nodeIdleGrace", "30s"))).as("30 s after it was first seen empty, at 0 s").isEqualTo(30);
  }

  /** The time of the first decision that stops or deletes an empty node beside a serving one. */
  private static double firstActionOnEmptyNode(Map<String, ?> settings) {
    PolicyHarness h = new PolicyHarness(1, 20, settings);
    h.cluster.node("node-chat-0", dev.ballast.core.spi.NodeState.READY, 1, 1).node("spare", dev.ballast.core.spi.NodeState.READY, 1, 0);
    for (int t = 0; t <= 120; t += 10) {
      h.scrape(t, 1, 10, 0);
      Plan plan = h.decide(t);
      boolean acted = plan.actions().stream().anyMatch(a -> a instanceof Action.StopNode s && s.nodeId().equals("spare")
          || a instanceof Action.RemoveNode r && r.nodeId().equals("spare"));
      if (acted) {
        return t;
      }
    }
    return Double.NaN;
  }

  @Test
  void addedCapacityComesFromAPoolThatStillHasRoom() {
    dev.ballast.core.spi.FakeCluster c = new dev.ballast.core.spi.FakeCluster();
    c.pools.add(new dev.ballast.core.spi.NodePool("h100", "p5.4xlarge", 0, 1));
    c.pools.add(new dev.ballast.core.spi.NodePool("a100", "p4de.24xlarge", 0, 10));
    c.node("h", "h100", "p5.4xlarge", dev.ballast.core.spi.NodeState.READY, false, 1, 1, java.util.Set.of());
    assertThat(BallastPolicy.poolsWithRoom(c)).as("the H100 pool is at its maximum, its one GPU taken")
        .extracting(dev.ballast.core.spi.NodePool::id).containsExactly("a100");
    c.nodes.set(0, new dev.ballast.core.spi.NodeView("h", "p5.4xlarge", "h100", dev.ballast.core.spi.NodeState.READY, false, 1, 0, 0, java.util.Set.of(), java.time.Instant.EPOCH));
    assertThat(BallastPolicy.poolsWithRoom(c)).as("a free GPU in a full pool is room").extracting(dev.ballast.core.spi.NodePool::id).containsExactly("h100", "a100");
    c.pools.set(1, new dev.ballast.core.spi.NodePool("a100", "p4de.24xlarge", 0, 0));
    c.nodes.set(0, new dev.ballast.core.spi.NodeView("h", "p5.4xlarge", "h100", dev.ballast.core.spi.NodeState.READY, false, 1, 1, 1, java.util.Set.of(), java.time.Instant.EPOCH));
    assertThat(BallastPolicy.poolsWithRoom(c)).as("none has room: every pool stays a candidate").extracting(dev.ballast.core.spi.NodePool::id).containsExactly("h100", "a100");
  }

  @Test
  void withoutMetricsItHoldsAndSaysWhy() {
    PolicyHarness h = new PolicyHarness(3, 20, Map.of());
    Plan plan = h.decide(100);
    assertThat(plan.actions()).noneMatch(a -> a instanceof Action.ScaleReplicas || a instanceof Action.RemoveReplica);
    assertThat(plan.summary()).contains("chat: hold, metrics missing");
  }

  @Test
  void withStaleMetricsItHoldsEvenWhenTheLastSamplesShowNoLoad() {
    PolicyHarness h = new PolicyHarness(1, 20, Map.of());
    for (int t = 0; t <= 600; t += 10) {
      h.scrape(t, 100, 10, 0);
      h.apply(h.decide(t));
    }
    int before = h.live();
    assertThat(before).isGreaterThan(1);
    h.scrape(610, 0, 10, 0); // traffic stops, and then the metrics stop coming
    Plan plan = h.decide(900); // 290 s after the last sample: stale
    assertThat(plan.summary()).contains("metrics stale");
    assertThat(plan.actions()).noneMatch(a -> a instanceof Action.RemoveReplica || a instanceof Action.SleepReplica);
    assertThat(plan.actions()).filteredOn(a -> a instanceof Action.ScaleReplicas).isEmpty();
  }

  @Test
  void demandIsSizedWithAReasonCarryingTheNumbers() {
    PolicyHarness h = new PolicyHarness(1, 100, Map.of());
    Plan last = null;
    for (int t = 0; t <= 120; t += 10) {
      h.scrape(t, 200, 10, 0);
      last = h.decide(t);
      h.apply(last);
      if (last.actions().stream().anyMatch(a -> a instanceof Action.ScaleReplicas)) {
        break;
      }
    }
    Action.ScaleReplicas scale = (Action.ScaleReplicas) last.actions().stream().filter(a -> a instanceof Action.ScaleReplicas).findFirst().orElseThrow();
    // 200 req/s of 1000/200-token requests: an H100 replica carries 20-some within a 2 s TTFT
    assertThat(scale.replicas()).isBetween(8, 20);
    assertThat(scale.reason()).contains("awake", "req/s per replica", "TTFT <= 2.0 s for 99.0%", "mix 1000/200 tokens");
  }

  @Test
  void fromZeroTheFirstQueuedRequestBringsAReplica() {
    PolicyHarness h = new PolicyHarness(0, 10, Map.of());
    h.scrape(0, 0, 10, 0);
    h.apply(h.decide(0));
    assertThat(h.live()).isZero();
    h.scrape(10, 0.1, 10, 1); // one request held at the gateway
    Plan plan = h.decide(10);
    assertThat(plan.actions()).anyMatch(a -> a instanceof Action.ScaleReplicas s && s.replicas() >= 1);
  }

  @Test
  void theStoppedTierIsRoundedToNodesOncePerPoolNotOncePerService() {
    dev.ballast.core.spi.FakeCluster c = new dev.ballast.core.spi.FakeCluster().pool("h100x8", "p5.48xlarge", 50).pool("h100", "p5.4xlarge", 50);
    // nine one-GPU services on eight-GPU nodes need two stopped nodes, not nine
    assertThat(BallastPolicy.stoppedNodes(Map.of("h100x8", 9, "h100", 3), c)).containsEntry("h100x8", 2).containsEntry("h100", 3);
    assertThat(BallastPolicy.stoppedNodes(Map.of("h100x8", 0), c)).containsEntry("h100x8", 0);
  }

  @Test
  void aServiceThatNeverHadARequestNorAReplicaStaysAtZero() {
    PolicyHarness h = new PolicyHarness(0, 10, Map.of());
    for (int t = 0; t <= 600; t += 15) {
      h.scrape(t, 0, 15, 0);
      Plan plan = h.decide(t);
      assertThat(plan.actions()).as("at %d s", t).noneMatch(a -> a instanceof Action.ScaleReplicas s && s.replicas() > 0);
      h.apply(plan);
    }
    assertThat(h.policy.explain("chat")).contains("nothing to keep warm -> 0 awake");
  }

  @Test
  void aServiceServingWhenFirstSeenIsKeptWarmAsIfJustUsed() {
    PolicyHarness h = new PolicyHarness(0, 10, Map.of());
    h.addPod(PodPhase.READY); // the replica the operator found, its last request unknown
    for (int t = 0; t <= 60; t += 15) {
      h.scrape(t, 0, 15, 0);
      h.apply(h.decide(t));
    }
    assertThat(h.live()).isEqualTo(1);
    assertThat(h.policy.explain("chat")).contains("keep-alive fallback");
  }

  @Test
  void aStoppedFloorProvisionsNodesForTheServicesPoolOnlyWhenSet() {
    assertThat(nodesAddedInThreeTicks(Map.of())).isEmpty();
    // the harness adds no nodes, so each tick asks again; the twin's count the nodes on their way (NodePlannerTest)
    assertThat(nodesAddedInThreeTicks(Map.of(BallastSettings.STOPPED_FLOOR.key(), "4"))).isNotEmpty().allSatisfy(add -> {
      assertThat(add.count()).isEqualTo(4);
      assertThat(add.reason()).contains("surge insurance: 0 of 4");
    });
  }

  /** One replica serving a steady 1 req/s with nothing else in the cluster: the nodes Ballast adds. */
  private static java.util.List<Action.AddNodes> nodesAddedInThreeTicks(Map<String, ?> settings) {
    PolicyHarness h = new PolicyHarness(1, 10, settings);
    java.util.List<Action.AddNodes> added = new java.util.ArrayList<>();
    for (int t = 0; t <= 20; t += 10) {
      h.scrape(t, 1, 10, 0);
      Plan plan = h.decide(t);
      plan.actions().stream().filter(a -> a instanceof Action.AddNodes).forEach(a -> added.add((Action.AddNodes) a));
      h.apply(plan);
    }
    return added;
  }

  @Test
  void anIdleServicesKeepAliveIsPricedByItsSloByDefaultAndSaysSo() {
    String priced = idleReasonAfterThirteenGaps(Map.of());
    assertThat(priced).contains("costed over 13 idle periods", "a cold start keeps 30.0 requests waiting, each weighing 99 served");
    String hybrid = idleReasonAfterThirteenGaps(Map.of(BallastSettings.KEEP_ALIVE_BY_COST.key(), "false"));
    assertThat(hybrid).contains("learned from 13 idle periods").doesNotContain("requests waiting");
  }

  /** Fourteen active periods of 30 s at 1 req/s, twenty minutes apart (thirteen idle periods between them); the reason five minutes into the next gap. */
  private static String idleReasonAfterThirteenGaps(Map<String, ?> settings) {
    PolicyHarness h = new PolicyHarness(0, 4, settings);
    double end = 13 * 1200 + 300;
    for (double t = 0; t <= end; t += 15) {
      boolean active = t % 1200 > 0 && t % 1200 <= 30;
      h.scrape(t, active ? 1 : 0, 15, 0);
      h.apply(h.decide(t));
    }
    return h.policy.explain("chat");
  }

  @Test
  void everyActionCarriesAReason() {
    PolicyHarness h = new PolicyHarness(1, 60, Map.of());
    for (int t = 0; t <= 3600; t += 10) {
      double rate = t < 1800 ? 50 + 40 * Math.sin(t / 300.0) : 5;
      h.scrape(t, rate, 10, 0);
      Plan plan = h.decide(t);
      plan.actions().forEach(a -> assertThat(a.reason()).as(a.toString()).isNotBlank());
      h.apply(plan);
    }
  }

  @Test
  void afterTheLoadFallsTheReplicasGoOnlyAfterTheHold() {
    PolicyHarness h = new PolicyHarness(1, 60, Map.of());
    for (int t = 0; t <= 1200; t += 10) {
      h.scrape(t, 150, 10, 0);
      h.apply(h.decide(t));
    }
    int high = h.live();
    int lowest = high;
    int lowestEarly = high;
    for (int t = 1210; t <= 3000; t += 10) {
      h.scrape(t, 10, 10, 0);
      h.apply(h.decide(t));
      if (t < 1200 + 240) {
        lowestEarly = Math.min(lowestEarly, h.live());
      }
      lowest = Math.min(lowest, h.live());
    }
    // within the hold only the replica the survivors check had kept at the old load may go
    assertThat(lowestEarly).isGreaterThanOrEqualTo(high - 1);
    assertThat(lowest).isLessThan(high / 2);
  }

  @Test
  void onARampTheForecastPlansAheadOnlyWhenSwitchedOn() {
    assertThat(rampReasons(Map.of())).noneMatch(r -> r.contains("ahead of forecast"));
    assertThat(rampReasons(Map.of("ballast.forecast", "true"))).anyMatch(r -> r.contains("ahead of forecast"));
  }

  /** The decision reasons over forty minutes of load growing steadily from 20 to 140 req/s. */
  private static java.util.List<String> rampReasons(Map<String, ?> settings) {
    PolicyHarness h = new PolicyHarness(1, 200, settings);
    java.util.List<String> reasons = new java.util.ArrayList<>();
    for (int t = 0; t <= 3600; t += 10) {
      h.scrape(t, 10 + 290.0 * t / 3600, 10, 0);
      var plan = h.decide(t);
      plan.actions().forEach(a -> reasons.add(a.reason()));
      h.apply(plan);
    }
    return reasons;
  }
}
