package dev.ballast.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GpuProductsTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    // NVML's names, read on the device (docs/device/), and the labels feature discovery makes of them
    "NVIDIA H100 80GB HBM3, H100-80GB",
    "NVIDIA-H100-80GB-HBM3, H100-80GB",
    "NVIDIA H200, H200",
    "NVIDIA-H200, H200",
    // labels as published by clusters that run feature discovery
    "NVIDIA-H100-SXM5-80GB, H100-80GB",
    "NVIDIA-H200-141GB-HBM3e, H200",
    "NVIDIA-A100-SXM4-80GB, A100-80GB",
    "NVIDIA-A100-80GB-PCIe, A100-80GB",
    "NVIDIA-A100-SXM4-40GB, A100-40GB",
    "NVIDIA-A100-SXM4-40GB-MIG-1g.5gb, A100-40GB",
    "NVIDIA-H100-80GB-HBM3-SHARED, H100-80GB",
    "Tesla-T4, T4",
    "NVIDIA-L4, L4",
    "NVIDIA-A10G, A10G",
    // catalog ids map to themselves
    "H100-80GB, H100-80GB",
    "A100-40GB, A100-40GB",
  })
  void productNamesMapOntoCatalogIds(String product, String id) {
    assertThat(GpuProducts.catalogId(product)).isEqualTo(id);
  }

  @Test
  void cardsTheCatalogDoesNotKnowKeepTheirNames() {
    assertThat(GpuProducts.catalogId("NVIDIA-H100-NVL")).isEqualTo("NVIDIA-H100-NVL");
    assertThat(GpuProducts.catalogId("NVIDIA-L40S")).isEqualTo("NVIDIA-L40S");
    assertThat(GpuProducts.catalogId("NVIDIA-A10")).isEqualTo("NVIDIA-A10");
    assertThat(GpuProducts.catalogId(" my-gpu ")).isEqualTo("my-gpu");
    assertThat(GpuProducts.catalogId(null)).isEmpty();
  }

  @Test
  void everyCatalogGpuIsReachedFromAProductName() {
    for (GpuType t : DefaultCatalog.get().gpus().values()) {
      assertThat(GpuProducts.catalogId("NVIDIA-" + t.id())).as(t.id()).isEqualTo(t.id());
    }
  }
}
