package io.vaultrisk.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class AllocationTest {

    private static final String VAULT = "0x5fbdb2315678afecb367f032d93f642f64180aa3";

    @Test
    void of_badVaultAddress_namesVaultField() {
        assertThatThrownBy(() -> Allocation.of("0x1234", 1, 1, List.of(10_000)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("vault:");
        assertThatThrownBy(() -> Allocation.of("5fbdb2315678afecb367f032d93f642f64180aa3", 1, 1, List.of(10_000)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("vault:");
        assertThatThrownBy(() -> Allocation.of("0x5fbdb2315678afecb367f032d93f642f64180aag", 1, 1, List.of(10_000)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("vault:");
    }

    @Test
    void of_referencePricesNotOnePerSleeveOrNotPositive_namesReferencePricesField() {
        List<Integer> w = List.of(5000, 5000);
        assertThatThrownBy(() -> Allocation.of(VAULT, 1, 1, w, List.of(BigInteger.ONE)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("referencePricesX18: one per sleeve (2) or none, got 1");
        assertThatThrownBy(() -> Allocation.of(VAULT, 1, 1, w, List.of(BigInteger.ONE, BigInteger.ZERO)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("referencePricesX18:");
        assertThatThrownBy(() -> Allocation.of(VAULT, 1, 1, w, List.of(BigInteger.ONE, BigInteger.ONE.shiftLeft(256))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("referencePricesX18:");
        assertThat(Allocation.of(VAULT, 1, 1, w).referencePricesX18()).isEmpty();
    }

    @Test
    void new_nonceOutsideUint256_namesNonceField() {
        BigInteger twoTo256 = BigInteger.ONE.shiftLeft(256);

        assertThatThrownBy(() -> new Allocation(VAULT, twoTo256, BigInteger.ONE, List.of(10_000)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("nonce:");
        assertThatThrownBy(() -> Allocation.of(VAULT, -1, 1, List.of(10_000)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("nonce:");
        assertThat(new Allocation(VAULT, twoTo256.subtract(BigInteger.ONE), BigInteger.ONE, List.of(10_000)).nonce())
                .isEqualTo(twoTo256.subtract(BigInteger.ONE));
    }

    @Test
    void new_validUntilOutsideUint256_namesValidUntilField() {
        assertThatThrownBy(() -> new Allocation(VAULT, BigInteger.ONE, BigInteger.ONE.shiftLeft(256), List.of(10_000)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("validUntil:");
    }

    @Test
    void new_negativeOrMissingWeight_namesWeightsField() {
        assertThatThrownBy(() -> Allocation.of(VAULT, 1, 1, List.of(10_001, -1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("weightsBps:");
        assertThatThrownBy(() -> Allocation.of(VAULT, 1, 1, java.util.Arrays.asList(10_000, null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("weightsBps:");
        assertThatThrownBy(() -> Allocation.of(VAULT, 1, 1, List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("weightsBps:");
    }

    @Test
    void weightSum_unbalancedWeights_isKeptForTheVaultToRefuse() {
        assertThat(Allocation.of(VAULT, 1, 1, List.of(6000, 3000)).weightSum()).isEqualTo(9000);
    }

    @Test
    void withInputsHash_notBytes32_namesInputsHashField() {
        Allocation a = Allocation.of(VAULT, 1, 1, List.of(10_000));
        assertThatThrownBy(() -> a.withInputsHash("0x" + "ab".repeat(31)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("inputsHash:");
        assertThatThrownBy(() -> a.withInputsHash("ab".repeat(32)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("inputsHash:");
        assertThatThrownBy(() -> a.withInputsHash(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("inputsHash");
    }

    @Test
    void withInputsHash_upperCaseHex_isStoredLowerCaseAndHasInputs() {
        Allocation a = Allocation.of(VAULT, 1, 1, List.of(10_000));

        Allocation hashed = a.withInputsHash("0x" + "AB".repeat(32));

        assertThat(a.inputsHash()).isEqualTo("0x" + "0".repeat(64));
        assertThat(a.hasInputs()).isFalse();
        assertThat(hashed.inputsHash()).isEqualTo("0x" + "ab".repeat(32));
        assertThat(hashed.hasInputs()).isTrue();
        assertThat(hashed.withReferencePrices(List.of(Allocation.PRICE_ONE)).inputsHash())
                .isEqualTo(hashed.inputsHash());
    }
}
