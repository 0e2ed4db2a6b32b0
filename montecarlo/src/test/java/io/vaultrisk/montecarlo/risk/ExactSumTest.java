package io.vaultrisk.montecarlo.risk;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ExactSumTest {
    @Test
    void value_termsWithCancellation_isTheExactSumRoundedOnceInAnyOrder() {
        Random rnd = new Random(11);
        double[] x = new double[20_000];
        BigDecimal exact = BigDecimal.ZERO;
        for (int i = 0; i < x.length; i++) {
            // large terms that nearly cancel, and small ones: a naive sum loses the small ones' last digits
            x[i] = (i % 2 == 0 ? 1 : -1) * 1e6 * (1 + rnd.nextDouble()) + rnd.nextGaussian();
            exact = exact.add(new BigDecimal(x[i]));
        }
        ExactSum forward = new ExactSum(), backward = new ExactSum(), split = new ExactSum();
        for (double v : x) {
            forward.add(v);
        }
        for (int i = x.length - 1; i >= 0; i--) {
            backward.add(x[i]);
        }
        ExactSum a = new ExactSum(), b = new ExactSum();
        for (int i = 0; i < x.length; i++) {
            (i < 7_000 ? a : b).add(x[i]);
        }
        split.addAll(b.partials());
        split.addAll(a.partials());

        double expected = exact.doubleValue(); // BigDecimal rounds to the nearest double
        assertThat(forward.value()).isEqualTo(expected);
        assertThat(backward.value()).isEqualTo(expected);
        assertThat(split.value()).isEqualTo(expected);
    }

    @Test
    void value_halfWayBetweenDoubles_roundsToEven() {
        ExactSum s = new ExactSum();
        s.add(1.0);
        s.add(Math.ulp(1.0) / 2); // exactly half-way: 1 is even
        assertThat(s.value()).isEqualTo(1.0);
        s.add(Math.ulp(1.0) / 4); // now above half-way
        assertThat(s.value()).isEqualTo(1.0 + Math.ulp(1.0));
    }
}
