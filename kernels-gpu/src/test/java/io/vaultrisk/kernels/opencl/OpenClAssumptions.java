package io.vaultrisk.kernels.opencl;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * OpenCL tests skip when this machine has no OpenCL platform, unless {@code VAULTRISK_REQUIRE_OPENCL=1} (set by CI),
 * in which case a missing platform is a failure.
 */
final class OpenClAssumptions {
    private OpenClAssumptions() {}

    static void requireOpenCl() {
        String reason = OpenClDevice.PROCESS.unavailableReason();
        if (reason == null) {
            return;
        }
        if ("1".equals(System.getenv("VAULTRISK_REQUIRE_OPENCL"))) {
            fail("VAULTRISK_REQUIRE_OPENCL=1 but OpenCL is unavailable: " + reason);
        }
        assumeTrue(false, "skipped: OpenCL unavailable (" + reason + ")");
    }
}
