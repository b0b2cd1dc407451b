package dev.ballast.core.placement.sharing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.core.catalog.DefaultCatalog;
import dev.ballast.core.catalog.GpuType;
import org.junit.jupiter.api.Test;

class MigProfilesTest {
  @Test
  void exactlyTheCatalogsMigCapableGpusHaveATable() {
    for (GpuType t : DefaultCatalog.get().gpus().values()) {
      assertThat(MigProfiles.builtIn(t.id()).isPresent()).as(t.id()).isEqualTo(t.migCapable());
    }
  }

  @Test
  void everyTableFitsItsDeviceAndGrowsWithItsSlices() {
    for (MigProfiles table : MigProfiles.builtIns()) {
      GpuType gpu = DefaultCatalog.get().gpu(table.gpuType());
      MigProfile whole = table.profiles().getLast();
      assertThat(whole.computeSlices()).isEqualTo(MigProfile.COMPUTE_SLICES);
      assertThat(whole.memoryMib()).as(table.gpuType()).isLessThanOrEqualTo(gpu.memoryMiB());
      for (MigProfile p : table.profiles()) {
        for (MigProfile q : table.profiles()) {
          if (p.memorySlices() < q.memorySlices()) {
            assertThat(p.memoryMib()).as(p.id() + " < " + q.id()).isLessThan(q.memoryMib());
          }
        }
      }
    }
  }
}
