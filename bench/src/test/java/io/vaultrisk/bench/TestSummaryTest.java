package io.vaultrisk.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestSummaryTest {

    @Test
    void read_consoleLauncherReport_countsAndGivesEachReason(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("TEST-junit-jupiter.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <testsuite name="JUnit Jupiter" tests="4">
                  <testcase name="a()" classname="io.vaultrisk.kernels.cuda.CudaBackendTest"/>
                  <testcase name="b()" classname="io.vaultrisk.kernels.cuda.CudaBackendTest">
                    <failure message="expected 1.0 but was 2.0" type="AssertionError">stack</failure>
                  </testcase>
                  <testcase name="c()" classname="io.vaultrisk.kernels.cuda.CudaBackendTest">
                    <skipped><![CDATA[org.opentest4j.TestAbortedException: skipped: no CUDA device (no driver)
                    at x.y]]></skipped>
                  </testcase>
                  <testcase name="d()" classname="io.vaultrisk.kernels.cuda.CudaBookTest">
                    <error message="boom"/>
                  </testcase>
                </testsuite>
                """);
        TestSummary s = TestSummary.read("CUDA agreement tests", dir);
        assertThat(s.tests()).isEqualTo(4);
        assertThat(s.passed()).isEqualTo(1);
        assertThat(s.failed()).isEqualTo(2);
        assertThat(s.skipped()).isEqualTo(1);
        assertThat(s.failures())
                .containsExactly("CudaBackendTest.b(): expected 1.0 but was 2.0", "CudaBookTest.d(): boom");
        assertThat(s.skips())
                .containsExactly(
                        "CudaBackendTest.c(): org.opentest4j.TestAbortedException: skipped: no CUDA device (no driver)");
    }

    @Test
    void read_noReport_saysWhere(@TempDir Path dir) {
        assertThatThrownBy(() -> TestSummary.read("x", dir))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("no JUnit XML report");
    }
}
