package dev.ballast.core.placement.sharing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GpuDeviceTest {
  static GpuDevice a100() {
    return new GpuDevice(0, "A100-80GB", 81_920, 1_024, true);
  }

  static GpuClaim mig(String pod, MigProfile p) {
    return new GpuClaim(pod, Isolation.mig(p), 0, 0, 0, 0, false);
  }

  @Test
  void sevenSmallestInstancesFitAndAnEighthDoesNot() {
    GpuDevice d = a100();
    for (int i = 0; i < 7; i++) {
      assertThat(d.allocate(mig("p" + i, MigProfile.P1G_10GB)).migStart()).isEqualTo(i);
    }
    assertThat(d.refusal(mig("p7", MigProfile.P1G_10GB))).contains("no free 1g.10gb slot");
    assertThat(d.violation()).isNull();
  }

  @Test
  void placementSlotsFollowTheHardwareRules() {
    GpuDevice d = a100();
    assertThat(d.allocate(mig("a", MigProfile.P4G_40GB)).migStart()).isZero();
    assertThat(d.allocate(mig("b", MigProfile.P3G_40GB)).migStart()).isEqualTo(4);
    assertThat(d.refusal(mig("c", MigProfile.P1G_10GB))).isNotNull(); // 7 compute slices used
    d.release("a");
    assertThat(d.refusal(mig("c", MigProfile.P4G_40GB))).isNull();
    assertThat(d.refusal(mig("c", MigProfile.P7G_80GB))).isNotNull();
  }

  @Test
  void aMemoryRequestGetsTheSmallestProfileThatHoldsIt() {
    GpuDevice d = a100();
    DeviceAllocation a = d.allocate(new GpuClaim("p", Isolation.mig(null), 100, 200, 15_000, 15_000, false));
    assertThat(a.migProfile()).isEqualTo(MigProfile.P1G_20GB);
    assertThat(MigProfile.smallestFitting(90_000, 1)).isNull();
  }

  @Test
  void mpsEnforcesLimitsAndNeverOvercommitsMemory() {
    GpuDevice d = new GpuDevice(3, "L4", 23_034, 512, false);
    DeviceAllocation a = d.allocate(new GpuClaim("p", Isolation.mps(), 300, 500, 8_000, 10_000, false));
    assertThat(a.environment()).containsEntry("CUDA_MPS_ACTIVE_THREAD_PERCENTAGE", "50").containsEntry("CUDA_MPS_PINNED_DEVICE_MEM_LIMIT", "0=10000M");
    d.allocate(new GpuClaim("q", Isolation.mps(), 300, 600, 8_000, 10_000, false));
    assertThat(d.refusal(new GpuClaim("r", Isolation.mps(), 100, 100, 2_000, 3_000, false))).contains("memory left to promise");
    assertThat(d.refusal(new GpuClaim("r", Isolation.mps(), 500, 500, 100, 100, false))).contains("compute left");
    assertThat(d.refusal(new GpuClaim("r", Isolation.mig(null), 100, 100, 100, 100, false))).contains("has no MIG");
  }

  @Test
  void modesDoNotMixAndTimeSlicingMustBeAccepted() {
    GpuDevice d = a100();
    d.allocate(GpuClaim.whole("w"));
    assertThat(d.refusal(new GpuClaim("m", Isolation.mps(), 10, 10, 10, 10, false))).contains("runs EXCLUSIVE");
    assertThatThrownBy(() -> new GpuClaim("t", Isolation.timeSliced(), 10, 10, 10, 10, false)).hasMessageContaining("must accept");
    d.release("w");
    assertThat(d.mode()).isEqualTo(GpuDevice.Mode.IDLE);
  }

  @Test
  void badClaimsAreRefusedWithTheirNumbers() {
    assertThatThrownBy(() -> new GpuClaim("p", Isolation.mps(), 600, 500, 1, 1, false)).hasMessageContaining("600 / 500");
    assertThatThrownBy(() -> MigProfile.of("5g.50gb")).hasMessageContaining("valid: 1g.10gb");
  }
}
