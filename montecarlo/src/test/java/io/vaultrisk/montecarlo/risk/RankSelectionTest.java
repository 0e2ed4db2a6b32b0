package io.vaultrisk.montecarlo.risk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RankSelectionTest {
    /** Parts of a sample, each sorted, with ties across parts (values on a coarse grid). */
    static List<double[]> parts(long seed, int... sizes) {
        Random rnd = new Random(seed);
        List<double[]> out = new ArrayList<>();
        for (int size : sizes) {
            double[] x = new double[size];
            for (int i = 0; i < size; i++) {
                x[i] = Math.rint(rnd.nextGaussian() * 200) / 100; // many equal values
            }
            Arrays.sort(x);
            out.add(x);
        }
        return out;
    }

    static double selectInTwoRounds(List<double[]> parts, long r) {
        List<RankSelection.Sketch> sketches =
                parts.stream().map(RankSelection::sketch).toList();
        double[] bracket = RankSelection.bracket(sketches, r);
        return RankSelection.select(
                parts.stream().map(p -> RankSelection.window(p, bracket)).toList(), r);
    }

    @Test
    void select_anyRankOfSplitSample_equalsTheSortedWhole() {
        // parts larger than the sketch (so brackets are real) and smaller ones, one of a single value
        List<double[]> parts = parts(3, 9_000, 5_000, 1, 12_345, 700);
        double[] whole = parts.stream().flatMapToDouble(Arrays::stream).sorted().toArray();
        for (long r : new long[] {0, 1, 17, 4_000, 13_523, 13_524, 20_000, whole.length - 2, whole.length - 1}) {
            assertThat(selectInTwoRounds(parts, r)).as("rank %d", r).isEqualTo(whole[(int) r]);
        }
    }

    @Test
    void window_sketchesOfLargeParts_sendFarLessThanTheSample() {
        List<double[]> parts = parts(5, 200_000, 200_000);
        List<RankSelection.Sketch> sketches =
                parts.stream().map(RankSelection::sketch).toList();
        double[] bracket = RankSelection.bracket(sketches, 200_000);
        long sent = parts.stream()
                .mapToLong(p -> RankSelection.window(p, bracket).values().length)
                .sum();
        // the bracket spans at most about one sketch step (~98 values) of each part, plus the ties at its ends
        assertThat(sent).isLessThan(400_000 / 50);
        assertThat(sketches.get(0).value()).hasSizeLessThanOrEqualTo(RankSelection.POINTS + 1);
    }
}
