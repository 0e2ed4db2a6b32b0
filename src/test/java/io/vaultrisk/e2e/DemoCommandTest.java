package io.vaultrisk.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's first command end to end: Anvil, the real service (signing), the real executor (off-chain checks,
 * on-chain rebalance). Also the executor's test against the real service rather than a stand-in.
 */
class DemoCommandTest {

    @Test
    void demo_embeddedDefaults_rebalancesTheVaultOnChainAndStopsEverything() {
        Vaultrisk.Run run = Vaultrisk.run("demo", "--paths", "5000");
        assertThat(run.exitCode()).as(run.stdout() + run.stderr()).isZero();
        Matcher tx = Pattern.compile("transaction (0x[0-9a-f]{64})").matcher(run.stdout());
        assertThat(tx.find()).as(run.stdout()).isTrue();
        assertThat(run.stdout())
                .contains("REBALANCED nonce=1")
                .contains("weights before USDC  60.0%")
                .contains("weights after")
                .contains("stopping the service and Anvil");
        Matcher after = Pattern.compile("weights after  USDC +([0-9.]+)% +WBTC +([0-9.]+)% +WETH +([0-9.]+)%")
                .matcher(run.stdout());
        assertThat(after.find()).isTrue();
        double sum = 0;
        for (int i = 1; i <= 3; i++) {
            double w = Double.parseDouble(after.group(i));
            assertThat(w).isLessThanOrEqualTo(50.5); // the vault's 50% sleeve caps, up to AMM rounding
            sum += w;
        }
        assertThat(sum).isBetween(99.8, 100.2);
        assertThat(run.stderr()).doesNotContain("Exception");
    }

    @Test
    void demo_unknownScenarioOrJsonWithoutScenario_exit2NamingTheFlag() {
        Vaultrisk.Run unknown = Vaultrisk.run("demo", "--scenario", "tulips-1637");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.stderrLines()).hasSize(1);
        assertThat(unknown.stderr())
                .contains("--scenario")
                .contains("unknown scenario 'tulips-1637'")
                .contains("black-thursday-2020-03-12");
        Vaultrisk.Run json = Vaultrisk.run("demo", "--json");
        assertThat(json.exitCode()).isEqualTo(2);
        assertThat(json.stderrLines()).hasSize(1);
        assertThat(json.stderr()).contains("--json").contains("only with --scenario");
        assertThat(json.stdout()).isEmpty();
    }
}
