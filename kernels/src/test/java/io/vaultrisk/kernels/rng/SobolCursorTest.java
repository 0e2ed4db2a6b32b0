package io.vaultrisk.kernels.rng;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.commons.math3.random.SobolSequenceGenerator;
import org.junit.jupiter.api.Test;

class SobolCursorTest {

    @Test
    void nextWords_unshifted_equalsCommonsMathSobolInAllThousandDimensions() {
        int dims = SobolDirections.MAX_DIMENSIONS;
        SobolSequenceGenerator reference = new SobolSequenceGenerator(dims);
        SobolCursor cursor = new SobolCursor(SobolDirections.joeKuo(), dims, 0, null);
        int[] words = new int[dims];
        for (int i = 0; i < 2048; i++) {
            double[] expected = reference.nextVector();
            cursor.nextWords(words);
            for (int d = 0; d < dims; d++) {
                assertThat((words[d] & 0xFFFF_FFFFL) * 0x1.0p-32)
                        .as("point %d dim %d", i, d)
                        .isEqualTo(expected[d]);
            }
        }
    }

    @Test
    void constructor_startInTheMiddle_continuesTheSameSequence() {
        SobolCursor sequential = new SobolCursor(SobolDirections.joeKuo(), 40, 0, null);
        int[] a = new int[40], b = new int[40];
        for (int i = 0; i < 777; i++) {
            sequential.nextWords(a);
        }
        SobolCursor jumped = new SobolCursor(SobolDirections.joeKuo(), 40, 777, null);
        for (int i = 0; i < 100; i++) {
            sequential.nextWords(a);
            jumped.nextWords(b);
            assertThat(b).containsExactly(a);
        }
    }

    @Test
    void nextWords_digitalShift_xorsEveryCoordinate() {
        int[] shift = new int[3];
        shift[0] = 0xDEADBEEF;
        shift[2] = 0x12345678;
        SobolCursor plain = new SobolCursor(SobolDirections.joeKuo(), 3, 5, null);
        SobolCursor shifted = new SobolCursor(SobolDirections.joeKuo(), 3, 5, shift);
        int[] a = new int[3], b = new int[3];
        plain.nextWords(a);
        shifted.nextWords(b);
        assertThat(b).containsExactly(a[0] ^ shift[0], a[1], a[2] ^ shift[2]);
    }

    @Test
    void constructor_tooManyDimensions_explains() {
        assertThatThrownBy(() -> new SobolCursor(SobolDirections.joeKuo(), 1001, 0, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1..1000");
    }
}
