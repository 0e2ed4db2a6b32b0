package io.vaultrisk.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ExecutorMainTest {

    private static final String[] BASE = {
        "--service", "http://127.0.0.1:8080",
        "--rpc", "http://127.0.0.1:8545",
        "--vault", "0x5fbdb2315678afecb367f032d93f642f64180aa3",
        "--key-file", "executor.key",
        "--api-key", "k"
    };

    @Test
    void parse_defaults_bumpAfterThreeBlocks() {
        assertThat(ExecutorMain.parse(BASE).bumpAfter()).isEqualTo(Duration.ofSeconds(36));
    }

    @Test
    void parse_bumpSeconds_setsBumpAfter() {
        assertThat(ExecutorMain.parse(with("--bump-seconds", "5")).bumpAfter()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void parse_zeroBumpSeconds_namesTheFlag() {
        assertThatThrownBy(() -> ExecutorMain.parse(with("--bump-seconds", "0")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--bump-seconds: must be > 0, got 0");
    }

    private static String[] with(String... more) {
        String[] all = java.util.Arrays.copyOf(BASE, BASE.length + more.length);
        System.arraycopy(more, 0, all, BASE.length, more.length);
        return all;
    }
}
