package io.vaultrisk.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
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

    @Test
    void parse_defaults_urgentCeilingFiveTimesNormalBreakerAtVaultDefaultsStreamOn() {
        ExecutorConfig c = ExecutorMain.parse(BASE);

        assertThat(c.maxGasPriceWei()).isEqualTo(new BigInteger("200000000000"));
        assertThat(c.urgentMaxGasPriceWei()).isEqualTo(new BigInteger("1000000000000"));
        assertThat(c.maxFeedAgeSeconds()).isEqualTo(3600);
        assertThat(c.maxFeedPoolDeviationBps()).isEqualTo(100);
        assertThat(c.followStream()).isTrue();
    }

    @Test
    void parse_loopFlags_setCeilingsBreakerAndStream() {
        ExecutorConfig c = ExecutorMain.parse(with(
                "--max-gas-gwei",
                "50",
                "--urgent-max-gas-gwei",
                "300.5",
                "--max-feed-age-seconds",
                "600",
                "--max-feed-deviation-bps",
                "40",
                "--no-stream"));

        assertThat(c.maxGasPriceWei()).isEqualTo(new BigInteger("50000000000"));
        assertThat(c.urgentMaxGasPriceWei()).isEqualTo(new BigInteger("300500000000"));
        assertThat(c.maxFeedAgeSeconds()).isEqualTo(600);
        assertThat(c.maxFeedPoolDeviationBps()).isEqualTo(40);
        assertThat(c.followStream()).isFalse();
    }

    @Test
    void parse_normalCeilingAboveDefaultUrgent_urgentRaisedToNormal() {
        ExecutorConfig c = ExecutorMain.parse(with("--max-gas-gwei", "2000"));

        assertThat(c.urgentMaxGasPriceWei()).isEqualTo(c.maxGasPriceWei());
    }

    @Test
    void parse_urgentBelowNormal_namesTheFlag() {
        assertThatThrownBy(() -> ExecutorMain.parse(with("--max-gas-gwei", "50", "--urgent-max-gas-gwei", "10")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--urgent-max-gas-gwei: must be >= --max-gas-gwei");
    }

    @Test
    void parse_deviationOutOfRange_namesTheFlag() {
        assertThatThrownBy(() -> ExecutorMain.parse(with("--max-feed-deviation-bps", "10000")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--max-feed-deviation-bps:");
    }

    private static String[] with(String... more) {
        String[] all = java.util.Arrays.copyOf(BASE, BASE.length + more.length);
        System.arraycopy(more, 0, all, BASE.length, more.length);
        return all;
    }

    @Test
    void quoter_keyFileAndSpread_configureTheQuoterAndBadSpreadNamesTheFlag() {
        assertThat(ExecutorMain.quoter(BASE)).isNull();
        ProtectionSeeker.QuoterConfig q =
                ExecutorMain.quoter(with("--quoter-key-file", "q.key", "--quote-spread", "0.1"));
        assertThat(q.keyFile()).isEqualTo(java.nio.file.Path.of("q.key"));
        assertThat(q.spread()).isEqualTo(0.1);
        assertThat(ExecutorMain.parse(with("--quoter-key-file", "q.key")).vault())
                .isNotNull();
        assertThatThrownBy(() -> ExecutorMain.quoter(with("--quoter-key-file", "q.key", "--quote-spread", "1.5")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--quote-spread:");
    }
}
