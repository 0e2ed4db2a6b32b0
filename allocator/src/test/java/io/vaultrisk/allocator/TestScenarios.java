package io.vaultrisk.allocator;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Seeded scenario matrices with fat tails and cross-correlation, like vault strategy returns. */
final class TestScenarios {

    private TestScenarios() {}

    /** Student-t (ν = 4) factor model: one common factor plus idiosyncratic noise, drifts between 0 and 2%. */
    static ScenarioMatrix studentT(int scenarios, int strategies, long seed) {
        Random rnd = new Random(seed);
        double[] drift = new double[strategies];
        double[] loading = new double[strategies];
        double[] vol = new double[strategies];
        List<String> names = new ArrayList<>();
        for (int i = 0; i < strategies; i++) {
            drift[i] = 0.02 * rnd.nextDouble();
            loading[i] = 0.5 * rnd.nextDouble();
            vol[i] = 0.02 + 0.08 * rnd.nextDouble();
            names.add("v" + i);
        }
        double[] data = new double[scenarios * strategies];
        for (int s = 0; s < scenarios; s++) {
            double factor = studentT4(rnd);
            for (int i = 0; i < strategies; i++) {
                double r = drift[i]
                        + vol[i] * (loading[i] * factor + Math.sqrt(1 - loading[i] * loading[i]) * studentT4(rnd));
                data[s * strategies + i] = Math.max(r, -0.99);
            }
        }
        return ScenarioMatrix.of(names, data);
    }

    /** Student-t with 4 degrees of freedom, scaled to unit variance. */
    private static double studentT4(Random rnd) {
        double chi = 0;
        for (int k = 0; k < 4; k++) {
            double g = rnd.nextGaussian();
            chi += g * g;
        }
        return rnd.nextGaussian() / Math.sqrt(chi / 4) / Math.sqrt(2.0);
    }
}
