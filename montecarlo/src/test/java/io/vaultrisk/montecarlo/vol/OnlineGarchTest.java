package io.vaultrisk.montecarlo.vol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class OnlineGarchTest {
    private static final OnlineGarch.Params P = new OnlineGarch.Params(2e-5, 0.1, 0.85);

    @Test
    void add_afterTheSeed_isTheGarchRecursionFromTheSeedsMeanSquare() {
        SplittableRandom rng = new SplittableRandom(3);
        double[] r = new double[80];
        for (int i = 0; i < r.length; i++) {
            r[i] = 0.05 * (rng.nextDouble() - 0.5);
        }
        OnlineGarch g = new OnlineGarch(P);
        double h = 0;
        for (int i = 0; i < Ewma.SEED_DAYS; i++) {
            h += r[i] * r[i];
        }
        h /= Ewma.SEED_DAYS;
        for (int n = 1; n <= r.length; n++) {
            g.add(r[n - 1]);
            if (n < Ewma.SEED_DAYS) {
                assertThat(g.variance()).isNaN();
            } else {
                if (n > Ewma.SEED_DAYS) {
                    h = 2e-5 + 0.1 * r[n - 1] * r[n - 1] + 0.85 * h;
                }
                assertThat(g.variance()).isEqualTo(h);
            }
        }
    }

    @Test
    void add_constantAbsoluteReturns_convergesToTheFixedPoint() {
        OnlineGarch g = new OnlineGarch(P);
        for (int i = 0; i < 2000; i++) {
            g.add(i % 2 == 0 ? 0.03 : -0.03);
        }
        // h = ω + α c² + β h  ⇒  h = (ω + α c²) / (1 − β)
        assertThat(g.variance()).isCloseTo((2e-5 + 0.1 * 9e-4) / 0.15, within(1e-15));
    }

    @Test
    void restore_midStream_continuesBitForBit() {
        OnlineGarch a = new OnlineGarch(P), b = new OnlineGarch(P);
        for (int i = 0; i < 30; i++) {
            a.add(0.01 * Math.sin(i));
            b.add(0.01 * Math.sin(i));
        }
        OnlineGarch resumed = OnlineGarch.restore(b.state());
        for (int i = 30; i < 50; i++) {
            a.add(0.01 * Math.sin(i));
            resumed.add(0.01 * Math.sin(i));
        }
        assertThat(resumed.variance()).isEqualTo(a.variance());
    }

    @Test
    void params_cryptoDaily_longRunVolIsTheStatedOne() {
        assertThat(Math.sqrt(365 * OnlineGarch.cryptoDaily(0.6).longRunVariance()))
                .isCloseTo(0.6, within(1e-12));
        assertThatThrownBy(() -> new OnlineGarch.Params(1e-5, 0.2, 0.8)).hasMessageContaining("alpha + beta < 1");
    }
}
