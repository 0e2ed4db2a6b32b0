package io.vaultrisk.kernels.rng;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Philox4x32Test {

    /** Known-answer vectors of Random123 (tests/kat_vectors): counter c0..c3, key k0 k1, expected x0..x3. */
    @ParameterizedTest
    @CsvSource(
            delimiter = ' ',
            value = {
                "7 00000000 00000000 00000000 00000000 00000000 00000000 5f6fb709 0d893f64 4f121f81 4f730a48",
                "7 ffffffff ffffffff ffffffff ffffffff ffffffff ffffffff 5207ddc2 45165e59 4d8ee751 8c52f662",
                "7 243f6a88 85a308d3 13198a2e 03707344 a4093822 299f31d0 4dfccaba 190a87f0 c47362ba b6b5242a",
                "10 00000000 00000000 00000000 00000000 00000000 00000000 6627e8d5 e169c58d bc57ac4c 9b00dbd8",
                "10 ffffffff ffffffff ffffffff ffffffff ffffffff ffffffff 408f276d 41c83b0e a20bc7c6 6d5451fd",
                "10 243f6a88 85a308d3 13198a2e 03707344 a4093822 299f31d0 d16cfe09 94fdcceb 5001e420 24126ea1"
            })
    void bijection_random123KnownAnswers_match(
            int rounds,
            String c0,
            String c1,
            String c2,
            String c3,
            String k0,
            String k1,
            String x0,
            String x1,
            String x2,
            String x3) {
        int[] out = new int[4];
        Philox4x32.bijection(rounds, new int[] {hex(c0), hex(c1), hex(c2), hex(c3)}, new int[] {hex(k0), hex(k1)}, out);
        assertThat(out).containsExactly(hex(x0), hex(x1), hex(x2), hex(x3));
    }

    @Test
    void firstPair_anyCounter_equalsFullBijection() {
        int[] out = new int[4];
        for (int i = 0; i < 1000; i++) {
            int c0 = i * 2, c1 = i * 0x9E3779B9, c2 = i >>> 3, c3 = i % 7, k0 = 12345 + i, k1 = 67890 - i;
            Philox4x32.bijection(10, new int[] {c0, c1, c2, c3}, new int[] {k0, k1}, out);
            long pair = Philox4x32.firstPair(c0, c1, c2, c3, k0, k1);
            assertThat((int) pair).isEqualTo(out[0]);
            assertThat((int) (pair >>> 32)).isEqualTo(out[1]);
        }
    }

    @Test
    void draw_seedSplitsIntoKeyWords_lowWordFirst() {
        int[] viaDraw = new int[4], viaBijection = new int[4];
        long seed = (67890L << 32) | 12345L;
        Philox4x32.draw(seed, 4, (3L << 32) | 7L, 1, viaDraw);
        Philox4x32.bijection(10, new int[] {4, 7, 3, 1}, new int[] {12345, 67890}, viaBijection);
        assertThat(viaDraw).containsExactly(viaBijection);
    }

    private static int hex(String s) {
        return (int) Long.parseLong(s, 16);
    }
}
