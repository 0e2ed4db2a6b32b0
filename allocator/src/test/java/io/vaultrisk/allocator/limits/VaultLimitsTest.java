package io.vaultrisk.allocator.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vaultrisk.allocator.InvalidAllocationSpecException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VaultLimitsTest {

    private static VaultLimits scaled(VaultLimits.RegimeScaling s) {
        return VaultLimits.of(0.99, 1, 0.04, 0.05, Map.of("ETH", 0.5), 0.3, 1000, 1L, null, null, null, s);
    }

    @Test
    void effective_scaleWithRegime_multipliesOnlyVarAndEsByTheRegimesFactor() {
        VaultLimits l = scaled(VaultLimits.RegimeScaling.of(1.25, 0.8));
        VaultLimits high = l.effective(true), normal = l.effective(false);
        assertThat(high.var()).isEqualTo(0.04 * 1.25);
        assertThat(high.es()).isEqualTo(0.05 * 1.25);
        assertThat(normal.es()).isEqualTo(0.05 * 0.8);
        assertThat(high.delta()).isEqualTo(l.delta());
        assertThat(high.maxDrawdown()).isEqualTo(0.3);
        VaultLimits fixed = scaled(null);
        assertThat(fixed.effective(true)).isSameAs(fixed);
        // an absent factor is 1
        assertThat(scaled(VaultLimits.RegimeScaling.of(1.5, null))
                        .effective(false)
                        .es())
                .isEqualTo(0.05);
    }

    @Test
    void of_badRegimeScaling_namesTheField() {
        assertThatThrownBy(() -> VaultLimits.RegimeScaling.of(0.0, null))
                .isInstanceOf(InvalidAllocationSpecException.class)
                .extracting(e -> ((InvalidAllocationSpecException) e).field())
                .isEqualTo("scaleWithRegime.high");
        assertThatThrownBy(() -> VaultLimits.RegimeScaling.of(1.0, 11.0))
                .extracting(e -> ((InvalidAllocationSpecException) e).field())
                .isEqualTo("scaleWithRegime.normal");
        assertThatThrownBy(() -> VaultLimits.of(
                        null,
                        null,
                        null,
                        null,
                        Map.of("ETH", 0.5),
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        VaultLimits.RegimeScaling.of(1.2, 1.0)))
                .extracting(e -> ((InvalidAllocationSpecException) e).field())
                .isEqualTo("scaleWithRegime");
    }
}
