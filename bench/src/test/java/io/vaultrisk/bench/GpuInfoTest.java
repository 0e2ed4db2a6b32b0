package io.vaultrisk.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class GpuInfoTest {

    @Test
    void parse_nvidiaSmiCsv_takesTheFirstGpu() {
        GpuInfo g = GpuInfo.parse("NVIDIA H200, 580.159.03, 143771 MiB\nNVIDIA H200, 580.159.03, 143771 MiB\n")
                .orElseThrow();
        assertThat(g.name()).isEqualTo("NVIDIA H200");
        assertThat(g.driver()).isEqualTo("580.159.03");
        assertThat(g.memory()).isEqualTo("143771 MiB");
        assertThat(GpuInfo.parse("No devices were found\n")).isEmpty();
    }

    @Test
    void fp64PeakTflops_byName_takesTheMostSpecificEntry() {
        assertThat(peak("NVIDIA H200")).isEqualTo(34.0);
        assertThat(peak("NVIDIA H200 NVL")).isEqualTo(30.0);
        assertThat(peak("NVIDIA H100 PCIe")).isEqualTo(25.6);
        assertThat(peak("NVIDIA H100 80GB HBM3")).isEqualTo(34.0);
        assertThat(peak("NVIDIA A100-SXM4-80GB")).isEqualTo(9.7);
        assertThat(new GpuInfo("NVIDIA GeForce RTX 4090", "580", "24 GiB").fp64PeakTflops())
                .isEmpty();
    }

    @Test
    void fractionOfFp64Peak_1e11PathStepsOnH200_isOpsTimesRateOverPeak() {
        GpuInfo h200 = new GpuInfo("NVIDIA H200", "580", "141 GiB");
        assertThat(h200.fractionOfFp64Peak(1e11).getAsDouble())
                .isCloseTo(1e11 * GpuInfo.FP64_OPS_PER_PATH_STEP / 34e12, within(1e-15));
    }

    private static double peak(String name) {
        return new GpuInfo(name, "580", "80 GiB").fp64PeakTflops().getAsDouble();
    }
}
