package io.vaultrisk.allocator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TailRiskTest {

    private static final double[] ONE_TO_TEN = {3, 1, 10, 7, 2, 9, 5, 8, 4, 6};

    @Test
    void of_integerTail_meanOfWorst() {
        TailRisk t = TailRisk.of(ONE_TO_TEN, 0.8);
        assertThat(t.tailMass()).isEqualTo(2.0);
        assertThat(t.cvar()).isCloseTo(9.5, within(1e-15));
        assertThat(t.var()).isEqualTo(8.0);
    }

    @Test
    void of_fractionalTail_boundaryScenarioSplit() {
        // m = 2.5: 10 and 9 in full, half of 8
        TailRisk t = TailRisk.of(ONE_TO_TEN, 0.75);
        assertThat(t.cvar()).isCloseTo((10 + 9 + 0.5 * 8) / 2.5, within(1e-15));
        assertThat(t.var()).isEqualTo(8.0);
    }

    @Test
    void of_tailBelowOneScenario_worstLoss() {
        TailRisk t = TailRisk.of(ONE_TO_TEN, 0.95);
        assertThat(t.cvar()).isEqualTo(10.0);
        assertThat(t.var()).isEqualTo(10.0);
    }

    @Test
    void tailMass_productJustAboveInteger_snapped() {
        // (1 - 0.95) * 2000 = 100.00000000000009 in doubles
        assertThat((1 - 0.95) * 2000).isNotEqualTo(100.0);
        assertThat(TailRisk.tailMass(2000, 0.95)).isEqualTo(100.0);
        assertThat(TailRisk.tailMass(2001, 0.95)).isCloseTo(100.05, within(1e-12));
    }

    @Test
    void of_snappedTail_noSliverOfNextScenario() {
        double[] losses = new double[2000];
        for (int s = 0; s < losses.length; s++) {
            losses[s] = s;
        }
        // without snapping, 9e-14 of the 101st worst loss would leak in; with it, the mean of 1900..1999 exactly
        assertThat(TailRisk.of(losses, 0.95).cvar()).isEqualTo(1949.5);
    }

    @Test
    void of_randomWithTies_equalsRockafellarUryasevMinimum() {
        Random rnd = new Random(7);
        for (int trial = 0; trial < 50; trial++) {
            int n = 1 + rnd.nextInt(300);
            double[] losses = new double[n];
            for (int s = 0; s < n; s++) {
                // coarse grid: many ties
                losses[s] = rnd.nextInt(40) - 20;
            }
            double beta = 0.5 + 0.49 * rnd.nextDouble();
            TailRisk t = TailRisk.of(losses, beta);
            double m = TailRisk.tailMass(n, beta);
            // F(a) = a + sum (L - a)+ / m is piecewise linear and attains its minimum at a data point
            double best = Double.POSITIVE_INFINITY;
            for (double a : losses) {
                double f = a;
                for (double l : losses) {
                    f += Math.max(l - a, 0) / m;
                }
                best = Math.min(best, f);
            }
            assertThat(t.cvar()).isCloseTo(best, within(1e-12 * Math.max(1, Math.abs(best))));
            double fAtVar = t.var();
            for (double l : losses) {
                fAtVar += Math.max(l - t.var(), 0) / m;
            }
            assertThat(fAtVar).isCloseTo(best, within(1e-12 * Math.max(1, Math.abs(best))));
            double[] sorted = losses.clone();
            Arrays.sort(sorted);
            assertThat(t.var()).isEqualTo(sorted[n - 1 - (int) Math.floor(m)]);
        }
    }

    @Test
    void tailProbabilities_sumToOneAndGiveCvar() {
        double[] losses = {1, 5, 5, 5, 2, 0, 5, 3};
        TailRisk t = TailRisk.of(losses, 0.7);
        double[] p = new double[losses.length];
        t.tailProbabilities(losses, p);
        double sum = 0;
        double mean = 0;
        for (int s = 0; s < p.length; s++) {
            sum += p[s];
            mean += p[s] * losses[s];
        }
        assertThat(sum).isCloseTo(1.0, within(1e-15));
        assertThat(mean).isCloseTo(t.cvar(), within(1e-15));
    }

    @Test
    void of_betaOutsideUnitInterval_namesBeta() {
        assertThatThrownBy(() -> TailRisk.of(ONE_TO_TEN, 1.0)).hasMessageStartingWith("beta:");
    }

    @Test
    void kthLargest_randomArrays_matchesSort() {
        Random rnd = new Random(3);
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + rnd.nextInt(100);
            double[] a = new double[n];
            for (int i = 0; i < n; i++) {
                a[i] = trial % 2 == 0 ? rnd.nextGaussian() : rnd.nextInt(5);
            }
            double[] sorted = a.clone();
            Arrays.sort(sorted);
            int k = rnd.nextInt(n);
            assertThat(Selection.kthLargest(a.clone(), k)).isEqualTo(sorted[n - 1 - k]);
        }
    }
}
