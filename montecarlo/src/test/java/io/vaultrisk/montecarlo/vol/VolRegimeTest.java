package io.vaultrisk.montecarlo.vol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class VolRegimeTest {
    private final VolRegime regime = new VolRegime(1.5, 1.2);

    @Test
    void high_volBetweenLeaveAndEnter_keepsTheCurrentRegime() {
        assertThat(regime.high(false, 1.4, 1.0)).isFalse();
        assertThat(regime.high(true, 1.4, 1.0)).isTrue();
    }

    @Test
    void high_crossingTheThresholds_switchesOnlyAtEnterAndLeave() {
        boolean high = false;
        int changes = 0;
        // a vol oscillating around 1.5× its long-run level switches once, not on every tick
        double[] vols = {1.0, 1.49, 1.51, 1.45, 1.55, 1.3, 1.52, 1.25, 1.19, 1.3, 1.45, 1.2};
        boolean[] expected = {false, false, true, true, true, true, true, true, false, false, false, false};
        for (int i = 0; i < vols.length; i++) {
            boolean next = regime.high(high, vols[i], 1.0);
            if (next != high) {
                changes++;
            }
            high = next;
            assertThat(high).as("tick %d", i).isEqualTo(expected[i]);
        }
        assertThat(changes).isEqualTo(2);
    }

    @Test
    void new_leaveNotBelowEnter_isRefused() {
        assertThatThrownBy(() -> new VolRegime(1.2, 1.2)).isInstanceOf(IllegalArgumentException.class);
    }
}
