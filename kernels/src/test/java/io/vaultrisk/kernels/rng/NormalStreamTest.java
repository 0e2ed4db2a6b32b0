package io.vaultrisk.kernels.rng;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class NormalStreamTest {

    @Test
    void normal_oneFactor_usesWordsZeroAndOneOfCounterStepPairPathBlockZero() {
        long seed = (67890L << 32) | 12345L;
        NormalStream stream = new NormalStream(seed);
        int[] w = new int[4];
        Philox4x32.bijection(10, new int[] {6, 42, 0, 0}, new int[] {12345, 67890}, w);
        double u1 = (Integer.toUnsignedLong(w[0]) + 0.5) / 4294967296.0;
        double u2 = (Integer.toUnsignedLong(w[1]) + 0.5) / 4294967296.0;
        double rad = Math.sqrt(-2 * Math.log(u1)), cs = Math.cos(2 * Math.PI * u2);
        // the stream's log and cos are ReproducibleMath's (within an ulp of Math's): close, not equal, to this
        // reference
        assertThat(stream.normal(42, 6, 0)).isCloseTo(rad * cs, within(1e-14));
        assertThat(stream.normal(42, 7, 0)).isCloseTo(rad * Math.sin(2 * Math.PI * u2), within(1e-12));
    }

    @Test
    void normal_secondDimension_usesWordsTwoAndThree() {
        NormalStream stream = new NormalStream(99);
        int[] w = new int[4];
        Philox4x32.draw(99, 0, 5, 0, w);
        double[] z = new double[2];
        BoxMuller.pair(w[2], w[3], z, 0);
        assertThat(stream.normal(5, 0, 1)).isEqualTo(z[0]);
        assertThat(stream.normal(5, 1, 1)).isEqualTo(z[1]);
    }

    @Test
    void normal_manyDraws_haveStandardNormalMoments() {
        NormalStream stream = new NormalStream(7);
        int n = 400_000;
        double sum = 0, sum2 = 0, sum4 = 0;
        long below = 0;
        for (int i = 0; i < n; i++) {
            double z = stream.normal(i / 2, i % 2, 0);
            sum += z;
            sum2 += z * z;
            sum4 += z * z * z * z;
            if (z < -1.6448536269514722) {
                below++;
            }
        }
        // 4 standard errors: mean se 1/sqrt(n), variance se sqrt(2/n), kurtosis se sqrt(96/n), tail sqrt(p(1-p)/n)
        assertThat(sum / n).isCloseTo(0.0, within(4 / Math.sqrt(n)));
        assertThat(sum2 / n).isCloseTo(1.0, within(4 * Math.sqrt(2.0 / n)));
        assertThat(sum4 / n).isCloseTo(3.0, within(4 * Math.sqrt(96.0 / n)));
        assertThat((double) below / n).isCloseTo(0.05, within(4 * Math.sqrt(0.05 * 0.95 / n)));
    }
}
