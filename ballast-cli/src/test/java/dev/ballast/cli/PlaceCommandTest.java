package dev.ballast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ballast place} on a small trace written here (the real one is research-use only). */
class PlaceCommandTest {
  @TempDir Path dir;
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  int run(String... args) {
    return Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
  }

  @Test
  void placesATinyTraceWithEveryPolicyAndWritesJson() throws Exception {
    StringBuilder nodes = new StringBuilder("sn,cpu_milli,memory_mib,gpu,model\n");
    for (int i = 0; i < 20; i++) {
      nodes.append("node-").append(i).append(',').append(i % 2 == 0 ? 96000 : 64000).append(",262144,").append(i % 2 == 0 ? 8 : 2).append(',')
          .append(i % 2 == 0 ? "G2" : "T4").append('\n');
    }
    Files.writeString(dir.resolve("openb_node_list_gpu_node.csv"), nodes);
    StringBuilder pods = new StringBuilder("name,cpu_milli,memory_mib,num_gpu,gpu_milli,gpu_spec\n");
    int[] milli = {500, 250, 1000, 1000, 810, 0};
    for (int i = 0; i < 120; i++) {
      int m = milli[i % milli.length];
      pods.append("pod-").append(i).append(",4000,8192,").append(m == 0 ? 0 : 1).append(',').append(m).append(',').append(i % 7 == 0 && m > 0 ? "T4" : "").append('\n');
    }
    Files.writeString(dir.resolve("openb_pod_list_tiny.csv"), pods);
    Path json = dir.resolve("place.json");
    int code = run("place", "--trace-dir", dir.toString(), "--traces", "tiny", "--seeds", "2", "--json", json.toString(), "--threads", "2", "--leftovers", "3");
    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString()).contains("milli left", "GPU-equiv");
    assertThat(out.toString()).contains("random", "dotprod", "gpuclustering", "gpupacking", "bestfit", "fgd", "ballast", "unalloc GPU %");
    JsonNode results = new ObjectMapper().readTree(json.toFile()).get("results");
    assertThat(results).hasSize(14);
    for (JsonNode r : results) {
      assertThat(r.get("unallocatedPct").asDouble()).isBetween(0.0, 100.0);
      assertThat(r.has("wallMs")).isTrue();
      // the leftovers add up to the unallocated share: 20 nodes, 10 x 8 + 10 x 2 GPUs
      double leftMilli = 0;
      for (var e : (Iterable<java.util.Map.Entry<String, JsonNode>>) r.get("leftoverGpus")::fields) {
        leftMilli += Integer.parseInt(e.getKey()) * e.getValue().asDouble();
      }
      assertThat(100 * leftMilli / 100_000).isCloseTo(r.get("unallocatedPct").asDouble(), org.assertj.core.api.Assertions.within(1e-9));
    }
  }

  @Test
  void missingTracesSayWhereToPutThem() {
    int code = run("place", "--trace-dir", dir.resolve("nowhere").toString());
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("missing [openb_node_list_gpu_node.csv, openb_pod_list_default.csv]", "cluster-trace-gpu-v2023", "--trace-dir");
  }

  @Test
  void anUnknownPolicyIsRefused() throws Exception {
    Files.writeString(dir.resolve("openb_node_list_gpu_node.csv"), "sn,cpu_milli,memory_mib,gpu,model\nn,1000,1000,1,T4\n");
    Files.writeString(dir.resolve("openb_pod_list_default.csv"), "name,cpu_milli,memory_mib,num_gpu,gpu_milli\np,100,100,1,500\n");
    assertThat(run("place", "--trace-dir", dir.toString(), "--policies", "firstfit")).isEqualTo(2);
    assertThat(err.toString()).contains("unknown placement policy 'firstfit'");
  }
}
