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

    @Test
    void fromWeightsWithBounds_randomWeightsWithinBounds_boundsHoldAndNoWeightMovesABasisPoint() {
        SplittableRandom rng = new SplittableRandom(15);
        for (int trial = 0; trial < 2000; trial++) {
            int n = 2 + rng.nextInt(10);
            double[] w = dirichlet(rng, n);
            int[] lower = new int[n];
            int[] upper = new int[n];
            for (int i = 0; i < n; i++) {
                double exact = w[i] * 10_000;
                // tight bounds half the time: a cap just above a weight is where plain rounding overshoots
                upper[i] = Math.min(10_000, (int) Math.ceil(exact) + (rng.nextBoolean() ? 0 : rng.nextInt(3)));
                lower[i] = Math.max(0, (int) Math.floor(exact) - (rng.nextBoolean() ? 0 : rng.nextInt(3)));
            }
            List<Integer> bps = BasisPoints.fromWeights("weights", w, lower, upper);
            assertThat(bps.stream().mapToInt(Integer::intValue).sum()).isEqualTo(10_000);
            for (int i = 0; i < n; i++) {
                assertThat(bps.get(i)).isBetween(lower[i], upper[i]);
                assertThat(Math.abs(bps.get(i) - w[i] * 10_000)).isLessThan(1.0);
            }
        }
    }

    @Test
    void fromWeightsWithBounds_weightsOverFractionalCaps_capsStillHold() {
        SplittableRandom rng = new SplittableRandom(16);
        for (int trial = 0; trial < 2000; trial++) {
            int n = 2 + rng.nextInt(6);
            double cap = (1.0 / n) + rng.nextDouble() * (1 - 1.0 / n); // maxWeight as a request gives it
            int capBps = (int) Math.floor(cap * 10_000);
            double[] w = dirichlet(rng, n);
            // a solver's answer: at the cap within its tolerance (1e-9 over), the excess spread over the others
            double excess = 0;
            for (int i = 0; i < n; i++) {
                if (w[i] > cap) {
                    excess += w[i] - cap - 1e-9;
                    w[i] = cap + 1e-9;
                }
            }
            int room = 0;
            for (int i = 0; i < n; i++) {
                room += w[i] < cap ? 1 : 0;
            }
            for (int i = 0; i < n && room > 0; i++) {
                if (w[i] < cap) {
                    w[i] += excess / room;
                }
            }
            if (Arrays.stream(w).anyMatch(x -> x > cap + 1e-9) || (long) capBps * n < 10_000) {
                continue; // the spread pushed another over: not a feasible solver answer
            }
            int[] lower = new int[n];
            int[] upper = new int[n];
            Arrays.fill(upper, capBps);
            List<Integer> bps = BasisPoints.fromWeights("weights", w, lower, upper);
            assertThat(bps.stream().mapToInt(Integer::intValue).sum()).isEqualTo(10_000);
            assertThat(bps).allSatisfy(b -> assertThat(b).isBetween(0, capBps));
        }
    }

    @Test
    void fromWeightsWithBounds_capOnLargestRemainder_givesTheBasisPointToTheNext() {
        // 3333.6 / 3333.3 / 3333.1: plain rounding gives 3334 to the first; its cap of 3333 passes it on
        double[] w = {0.33336, 0.33333, 0.33331};
        assertThat(BasisPoints.fromWeights("weights", w)).containsExactly(3334, 3333, 3333);
        assertThat(BasisPoints.fromWeights("weights", w, new int[3], new int[] {3333, 10_000, 10_000}))
                .containsExactly(3333, 3334, 3333);
    }

    @Test
    void fromWeightsWithBounds_boundsThatCannotSumTo10000_nameTheField() {
        assertThatThrownBy(() ->
                        BasisPoints.fromWeights("weights", new double[] {0.5, 0.5}, new int[2], new int[] {4000, 5000}))
                .isInstanceOf(InvalidWeightsException.class)
                .hasMessageContaining("upper bounds to 9000");
    }

    private static double[] dirichlet(SplittableRandom rng, int n) {
        double[] w = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            w[i] = -Math.log(1 - rng.nextDouble());
            sum += w[i];
        }
        for (int i = 0; i < n; i++) {
            w[i] /= sum;
        }
        return w;
    }
}
