package io.vaultrisk.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BasisPointsTest {

    @Test
    void fromWeights_exactQuarters_areExact() {
        assertThat(BasisPoints.fromWeights("weights", new double[] {0.5, 0.25, 0.25}))
                .containsExactly(5000, 2500, 2500);
    }

    @Test
    void fromWeights_thirds_giveTheTiedBasisPointToTheFirst() {
        assertThat(BasisPoints.fromWeights("weights", new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0}))
                .containsExactly(3334, 3333, 3333);
    }

    @Test
    void fromWeights_largestRemainder_getsTheMissingBasisPoints() {
        // 1234.9 / 4321.6 / 4443.5 bps: floors sum to 9998, so the two largest remainders (.9 and .6) get one each
        assertThat(BasisPoints.fromWeights("weights", new double[] {0.12349, 0.43216, 0.44435}))
                .containsExactly(1235, 4322, 4443);
    }

    @Test
    void fromWeights_randomWeights_sumTo10000AndMoveNoWeightByABasisPoint() {
        SplittableRandom rng = new SplittableRandom(12);
        for (int trial = 0; trial < 1000; trial++) {
            double[] w = new double[1 + rng.nextInt(12)];
            double sum = 0;
            for (int i = 0; i < w.length; i++) {
                w[i] = rng.nextDouble() < 0.2 ? 0 : rng.nextDouble();
                sum += w[i];
            }
            if (sum == 0) {
                continue;
            }
            for (int i = 0; i < w.length; i++) {
                w[i] /= sum;
            }

            List<Integer> bps = BasisPoints.fromWeights("weights", w);

            assertThat(bps.stream().mapToInt(Integer::intValue).sum())
                    .as(Arrays.toString(w))
                    .isEqualTo(10_000);
            for (int i = 0; i < w.length; i++) {
                assertThat((double) bps.get(i))
                        .as("weight %d of %s", i, Arrays.toString(w))
                        .isCloseTo(w[i] * 10_000, within(1.0));
            }
        }
    }

    @Test
    void fromWeights_negativeWeight_namesTheElement() {
        assertThatThrownBy(() -> BasisPoints.fromWeights("weights", new double[] {1.1, -0.1}))
                .isInstanceOfSatisfying(
                        InvalidWeightsException.class,
                        e -> assertThat(e.field()).isEqualTo("weights[1]"));
    }

    @Test
    void fromWeights_sumNotOne_namesTheList() {
        assertThatThrownBy(() -> BasisPoints.fromWeights("weights", new double[] {0.5, 0.4}))
                .isInstanceOfSatisfying(
                        InvalidWeightsException.class,
                        e -> assertThat(e.field()).isEqualTo("weights"))
                .hasMessageContaining("sum to 1");
    }

    @Test
    void validate_wrongCountOrSum_namesTheList() {
        assertThatThrownBy(() -> BasisPoints.validate("weightsBps", List.of(10_000), 2))
                .isInstanceOfSatisfying(
                        InvalidWeightsException.class,
                        e -> assertThat(e.field()).isEqualTo("weightsBps"));
        assertThatThrownBy(() -> BasisPoints.validate("weightsBps", List.of(6000, 3999), 2))
                .isInstanceOfSatisfying(
                        InvalidWeightsException.class,
                        e -> assertThat(e.field()).isEqualTo("weightsBps"))
                .hasMessageContaining("10000");
    }

    @Test
    void validate_weightOutOfRange_namesTheElement() {
        assertThatThrownBy(() -> BasisPoints.validate("weightsBps", List.of(10_001, -1), 2))
                .isInstanceOfSatisfying(
                        InvalidWeightsException.class,
                        e -> assertThat(e.field()).isEqualTo("weightsBps[0]"));
    }

    @Test
    void validate_validWeights_areReturned() {
        assertThat(BasisPoints.validate("weightsBps", List.of(6000, 4000), 2)).containsExactly(6000, 4000);
    }
}
