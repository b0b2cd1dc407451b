package dev.ballast.operator.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ballast.core.catalog.DefaultCatalog;
import dev.ballast.core.catalog.GpuProducts;
import dev.ballast.core.placement.sharing.GpuClaim;
import dev.ballast.core.placement.sharing.GpuDevice;
import dev.ballast.core.placement.sharing.Isolation;
import dev.ballast.core.placement.sharing.MigProfile;
import dev.ballast.core.placement.sharing.MigProfiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The built-in GPU facts against what a real device reported: docs/device/ holds the output of
 * bench/gpu/device_facts.py (NVML and nvidia-smi, MIG mode left off), bench/gpu/serving_speed.py
 * and bench/gpu/mps_limits.sh, run on an H100 and an H200.
 */
class DeviceReadingsTest {
  static final Path READINGS = Path.of("..", "docs", "device");
  static final Pattern LGIP_ROW = Pattern.compile("MIG (\\S+)\\s+(\\d+)\\s+\\d+/\\d+");

  static List<JsonNode> readings() throws Exception {
    List<JsonNode> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(READINGS)) {
      for (Path f : files.filter(p -> p.getFileName().toString().matches("h[0-9]+.*\\.json")).sorted().toList()) {
        out.add(new ObjectMapper().readTree(f.toFile()));
      }
    }
    return out;
  }

  @Test
  void theDeviceNamesAndMemoryAreTheCatalogs() throws Exception {
    assertThat(readings()).hasSizeGreaterThanOrEqualTo(2);
    for (JsonNode r : readings()) {
      String id = GpuProducts.catalogId(r.at("/nvml/gfdProductLabel").asText());
      assertThat(DefaultCatalog.get().gpu(id).memoryMiB()).as(id).isEqualTo(r.at("/nvml/memoryTotalMiB").asLong());
    }
  }

  /** The first decode step (batch 1) of a serving-speed reading, ms. */
  static double floorMs(String file) throws Exception {
    JsonNode r = new ObjectMapper().readTree(READINGS.resolve(file).toFile());
    for (JsonNode d : r.get("decode")) {
      if (d.get("batch").asInt() == 1) {
        return d.get("graphMs").asDouble();
      }
    }
    throw new AssertionError("no batch-1 step in " + file);
  }

  @Test
  void theH200sItlIsItsFloorPlusTheH100sGapToItsPublicFigure() throws Exception {
    var catalog = DefaultCatalog.get();
    String[][] readings = {
      {"llama-3.1-8b", "8b-h200", "8b-h100-80gb-hbm3"},
      {"llama-3.1-70b", "70b-tp2-h200", "70b-tp4-h100-80gb-hbm3"},
    };
    for (String[] r : readings) {
      var profiles = catalog.model(r[0]).profiles();
      double h100Public = profiles.get("H100-80GB").itlAtBatchOneMs();
      double expected = floorMs("serving-speed-" + r[1] + ".json") + h100Public - floorMs("serving-speed-" + r[2] + ".json");
      assertThat(profiles.get("H200").itlAtBatchOneMs()).as(r[0]).isCloseTo(expected, org.assertj.core.data.Offset.offset(0.05));
    }
  }

  @Test
  void theMpsLimitsBallastInjectsAreTheOnesMpsEnforced() throws Exception {
    JsonNode limited = new ObjectMapper().readTree(READINGS.resolve("mps-limited-h200.json").toFile());
    JsonNode unlimited = new ObjectMapper().readTree(READINGS.resolve("mps-unlimited-h200.json").toFile());
    // the environment the core grants a 300m (limit 500m), 12,000 MiB MPS claim is what the run used
    var grant = GpuDevice.of(0, "H200", 143_771, 1_024).allocate(new GpuClaim("p", Isolation.mps(), 300, 500, 12_000, 12_000, false));
    assertThat(grant.environment())
        .containsEntry("CUDA_MPS_ACTIVE_THREAD_PERCENTAGE", limited.get("CUDA_MPS_ACTIVE_THREAD_PERCENTAGE").asText())
        .containsEntry("CUDA_MPS_PINNED_DEVICE_MEM_LIMIT", limited.get("CUDA_MPS_PINNED_DEVICE_MEM_LIMIT").asText());
    // and MPS enforced it: half the multiprocessors, 10,000 MiB granted, 14,000 refused
    assertThat(limited.get("multiprocessors").asInt() * 2).isEqualTo(unlimited.get("multiprocessors").asInt());
    assertThat(limited.get("allocate10000MiB").asBoolean()).isTrue();
    assertThat(limited.get("allocate14000MiB").asText()).startsWith("refused");
    assertThat(unlimited.get("allocate14000MiB").asBoolean()).isTrue();
  }

  @Test
  void theBuiltInMigTablesAreWhatTheDriverOffers() throws Exception {
    for (JsonNode r : readings()) {
      String id = GpuProducts.catalogId(r.at("/nvml/nvmlName").asText());
      Map<Integer, String> names = new HashMap<>();
      Matcher m = LGIP_ROW.matcher(r.get("nvidiaSmiMigLgip").asText());
      while (m.find()) {
        names.put(Integer.parseInt(m.group(2)), m.group(1));
      }
      List<MigProfile> read = new ArrayList<>();
      for (JsonNode p : r.at("/nvml/migProfiles")) {
        String name = p.has("id") ? names.get(p.get("id").asInt()) : null;
        if (name == null || name.endsWith("+me")) {
          continue; // unsupported profile slot, or the media-extension variant Ballast does not offer
        }
        List<Integer> starts = new ArrayList<>();
        p.get("placements").forEach(pl -> starts.add(pl.get(0).asInt()));
        int memorySlices = p.get("placements").get(0).get(1).asInt();
        read.add(new MigProfile(name, p.get("sliceCount").asInt(), memorySlices, starts, p.get("memorySizeMB").asLong()));
      }
      // the same profiles at the same places, each promising no more memory than this driver gave
      List<MigProfile> table = MigProfiles.builtIn(id).orElseThrow().profiles();
      assertThat(table).as(id).hasSameSizeAs(read);
      for (MigProfile t : table) {
        MigProfile driver = read.stream().filter(x -> x.id().equals(t.id())).findFirst().orElseThrow(() -> new AssertionError(id + " " + t.id() + " not read"));
        assertThat(List.of(t.computeSlices(), t.memorySlices(), t.starts())).as(t.id())
            .isEqualTo(List.of(driver.computeSlices(), driver.memorySlices(), driver.starts()));
        assertThat(t.memoryMib()).as(id + " " + t.id()).isLessThanOrEqualTo(driver.memoryMib()).isGreaterThan(driver.memoryMib() * 97 / 100);
      }
    }
  }
}
