package io.vaultrisk.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.vaultrisk.protocol.AllocationTypedData;
import io.vaultrisk.protocol.ProtectionTypedData;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;

class PutQuoterTest {

    private static final ECKeyPair KEY = Credentials.create(
                    "0x8da4ef21b864d2cc526dbdb2a120bd2874c36c9d0a1fb7f8c63d7f7a8b41de8f")
            .getEcKeyPair();
    private static final String VENUE = "0xe7f1725e7734ce288f8367e1bb143e90bb3f0512";
    private static final String ASSET = "0x9fe46736679d2d9a65f0992f2272de9f3c7fa6e0";
    private static final String VAULT = "0x5fbdb2315678afecb367f032d93f642f64180aa3";

    private static PutQuoter quoter(double spread, double rate) {
        return new PutQuoter(31337, VENUE, ASSET, 18, 6, spread, rate, KEY);
    }

    @Test
    void pricePerUnit_noSpread_matchesHullsTextbookPut() {
        // Hull, Options, Futures and Other Derivatives, example 15.6: S 42, K 40, r 10%, sigma 20%, T 0.5: p = 0.81
        assertThat(quoter(0, 0.10).pricePerUnit(42, 40, 0.5, 0.20)).isCloseTo(0.8086, within(5e-5));
    }

    @Test
    void pricePerUnit_atTheMoneyZeroRate_matchesTheClosedFormTimesSpread() {
        // r = 0, K = S: p = S (2 N(sigma sqrt(T) / 2) - 1); S 3,000, sigma 80%, 7 days: 132.5262 (erfc by hand)
        double years = 7 / 365.0;

        assertThat(quoter(0.05, 0).pricePerUnit(3000, 3000, years, 0.80)).isCloseTo(132.5262 * 1.05, within(1e-3));
    }

    @Test
    void quote_fiftyPutsWithSpread_premiumIsModelPriceRoundedUpToAUnit() {
        long now = 1_764_000_000L;
        BigInteger fifty = BigInteger.TEN.pow(18).multiply(BigInteger.valueOf(50));

        PutQuoter.SignedQuote s =
                quoter(0.05, 0).quote(VAULT, 3000, 2700, 0.80, now, now + 7 * 86_400, fifty, 300, BigInteger.TWO);

        // 28.786215 x 1.05 x 50 = 1,511.276 USDC: 1,511,276,289 units after rounding up
        double expectedUsd = 28.786215354428236 * 1.05 * 50;
        assertThat(s.quote().premium().doubleValue() / 1e6).isCloseTo(expectedUsd, within(1.5e-6));
        assertThat(s.quote().premium().doubleValue()).isGreaterThanOrEqualTo(expectedUsd * 1e6 - 1e-3);
        assertThat(s.quote().strike()).isEqualTo(BigInteger.valueOf(2_700_000_000L));
        assertThat(s.quote().quoteExpiry()).isEqualTo(now + 300);
        assertThat(s.quote().buyer()).isEqualTo(VAULT);
        assertThat(AllocationTypedData.recoverSigner(
                        ProtectionTypedData.quoteDigest(31337, VENUE, s.quote()), s.signature()))
                .isEqualTo(Credentials.create(KEY).getAddress());
    }

    @Test
    void quote_expiryNotAfterNow_isRejected() {
        assertThatThrownBy(() ->
                        quoter(0.05, 0).quote(VAULT, 3000, 2700, 0.8, 100, 100, BigInteger.ONE, 300, BigInteger.ONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("expiry:");
    }
}
