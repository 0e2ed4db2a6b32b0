package io.vaultrisk.montecarlo.vol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class OnlineEwmaTest {

    @Test
    void add_oneReturnAtATime_equalsTheBatchFilterBitForBit() {
        SplittableRandom rng = new SplittableRandom(7);
        double[] r = new double[250];
        for (int i = 0; i < r.length; i++) {
            r[i] = 0.03 * (rng.nextDouble() - 0.5);
        }
        OnlineEwma online = new OnlineEwma(0.94);
        for (int n = 1; n <= r.length; n++) {
            online.add(r[n - 1]);
            if (n < Ewma.SEED_DAYS) {
                assertThat(online.variance()).isNaN();
            } else {
                double[] prefix = java.util.Arrays.copyOf(r, n);
                assertThat(online.variance()).isEqualTo(new Ewma(0.94).filter(prefix)[n]);
            }
        }
    }

    @Test
    void add_constantReturns_convergesToTheirSquare() {
        OnlineEwma online = new OnlineEwma(0.9);
        for (int i = 0; i < 500; i++) {
            online.add(i % 2 == 0 ? 0.02 : -0.02);
        }
        assertThat(online.variance()).isCloseTo(4e-4, org.assertj.core.data.Offset.offset(1e-15));
    }

    @Test
    void restore_stateTakenMidSeedAndAfter_continuesBitForBit() {
        SplittableRandom rng = new SplittableRandom(11);
        double[] r = new double[60];
        for (int i = 0; i < r.length; i++) {
            r[i] = 0.04 * (rng.nextDouble() - 0.5);
        }
        for (int stop : new int[] {0, 7, Ewma.SEED_DAYS, 45}) {
            OnlineEwma before = new OnlineEwma(0.94);
            for (int i = 0; i < stop; i++) {
                before.add(r[i]);
            }
            OnlineEwma resumed = OnlineEwma.restore(before.state());
            for (int i = stop; i < r.length; i++) {
                resumed.add(r[i]);
            }
            assertThat(resumed.count()).isEqualTo(r.length);
            assertThat(resumed.variance()).isEqualTo(new Ewma(0.94).filter(r)[r.length]);
        }
    }
}
