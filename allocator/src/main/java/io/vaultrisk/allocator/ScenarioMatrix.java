package io.vaultrisk.allocator;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * S equally likely scenarios of simple returns over the horizon for N strategies.
 * <p>
 * Stored row-major (one scenario after another) because every risk evaluation walks the scenarios once and needs
 * the N returns of a scenario together to form the portfolio loss.
 */
public final class ScenarioMatrix {

    /** Below this many scenarios a loss pass is too short to be worth splitting over threads. */
    private static final int PARALLEL_SCENARIOS = 50_000;

    private final List<String> names;
    private final int scenarioCount;
    private final int strategyCount;
    private final double[] returns;

    private ScenarioMatrix(List<String> names, int scenarioCount, double[] returns) {
        this.names = names;
        this.scenarioCount = scenarioCount;
        this.strategyCount = names.size();
        this.returns = returns;
    }

    /**
     * Creates a matrix from row-major returns.
     *
     * @param names  one distinct, non-blank name per strategy
     * @param rowMajorReturns  scenario s, strategy i at {@code s * names.size() + i}; copied
     */
    public static ScenarioMatrix of(List<String> names, double[] rowMajorReturns) {
        if (names == null || names.isEmpty()) {
            throw new IllegalArgumentException("names: at least one strategy is required");
        }
        Set<String> seen = new HashSet<>();
        for (String name : names) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("names: a strategy name is blank");
            }
            if (!seen.add(name)) {
                throw new IllegalArgumentException("names: strategy name '" + name + "' appears twice");
            }
        }
        int n = names.size();
        if (rowMajorReturns == null || rowMajorReturns.length == 0 || rowMajorReturns.length % n != 0) {
            throw new IllegalArgumentException(
                    "returns: length must be a positive multiple of the " + n + " strategies");
        }
        for (int k = 0; k < rowMajorReturns.length; k++) {
            double r = rowMajorReturns[k];
            if (!Double.isFinite(r)) {
                throw new IllegalArgumentException("returns: scenario " + (k / n + 1) + ", strategy '"
                        + names.get(k % n) + "' is not finite: " + r);
            }
            // a simple return below -100% would mean losing more than the capital put in, which no vault position can
            if (r < -1.0) {
                throw new IllegalArgumentException("returns: scenario " + (k / n + 1) + ", strategy '"
                        + names.get(k % n) + "' is below -1 (-100%): " + r);
            }
        }
        return new ScenarioMatrix(List.copyOf(names), rowMajorReturns.length / n, rowMajorReturns.clone());
    }

    /** Creates a matrix from rows, one array of N returns per scenario. */
    public static ScenarioMatrix ofRows(List<String> names, double[][] rows) {
        int n = names == null ? 0 : names.size();
        double[] flat = new double[rows.length * n];
        for (int s = 0; s < rows.length; s++) {
            if (rows[s].length != n) {
                throw new IllegalArgumentException(
                        "returns: scenario " + (s + 1) + " has " + rows[s].length + " values, expected " + n);
            }
            System.arraycopy(rows[s], 0, flat, s * n, n);
        }
        return of(names, flat);
    }

    public List<String> names() {
        return names;
    }

    public int scenarioCount() {
        return scenarioCount;
    }

    public int strategyCount() {
        return strategyCount;
    }

    public double get(int scenario, int strategy) {
        return returns[scenario * strategyCount + strategy];
    }

    /** Mean return of each strategy. */
    public double[] means() {
        double[] mean = new double[strategyCount];
        for (int s = 0; s < scenarioCount; s++) {
            int base = s * strategyCount;
            for (int i = 0; i < strategyCount; i++) {
                mean[i] += returns[base + i];
            }
        }
        for (int i = 0; i < strategyCount; i++) {
            mean[i] /= scenarioCount;
        }
        return mean;
    }

    /** Covariance matrix with divisor S (the scenarios are the distribution, not a sample of it). */
    public double[][] covariance() {
        double[] mean = means();
        double[][] cov = new double[strategyCount][strategyCount];
        double[] centred = new double[strategyCount];
        for (int s = 0; s < scenarioCount; s++) {
            int base = s * strategyCount;
            for (int i = 0; i < strategyCount; i++) {
                centred[i] = returns[base + i] - mean[i];
            }
            for (int i = 0; i < strategyCount; i++) {
                double ci = centred[i];
                for (int j = i; j < strategyCount; j++) {
                    cov[i][j] += ci * centred[j];
                }
            }
        }
        for (int i = 0; i < strategyCount; i++) {
            for (int j = i; j < strategyCount; j++) {
                cov[i][j] /= scenarioCount;
                cov[j][i] = cov[i][j];
            }
        }
        return cov;
    }

    /** Portfolio return in each scenario, {@code r_s · w}; split over the common pool when S is large. */
    public double[] portfolioReturns(double[] weights) {
        checkWeights(weights);
        double[] out = new double[scenarioCount];
        if (scenarioCount < PARALLEL_SCENARIOS) {
            returnsRange(weights, out, 0, scenarioCount);
        } else {
            int chunks = 8;
            int size = (scenarioCount + chunks - 1) / chunks;
            IntStream.range(0, chunks)
                    .parallel()
                    .forEach(c -> returnsRange(weights, out, c * size, Math.min(scenarioCount, (c + 1) * size)));
        }
        return out;
    }

    private void returnsRange(double[] weights, double[] out, int from, int to) {
        for (int s = from; s < to; s++) {
            int base = s * strategyCount;
            double sum = 0;
            for (int i = 0; i < strategyCount; i++) {
                sum += returns[base + i] * weights[i];
            }
            out[s] = sum;
        }
    }

    /** Portfolio loss in each scenario, {@code -r_s · w}. */
    public double[] portfolioLosses(double[] weights) {
        double[] out = portfolioReturns(weights);
        for (int s = 0; s < out.length; s++) {
            out[s] = -out[s];
        }
        return out;
    }

    /** Adds {@code factor · r_s} to {@code out}. */
    void addRow(int scenario, double factor, double[] out) {
        int base = scenario * strategyCount;
        for (int i = 0; i < strategyCount; i++) {
            out[i] += factor * returns[base + i];
        }
    }

    /** One strategy's returns as a column. */
    public double[] column(int strategy) {
        double[] out = new double[scenarioCount];
        for (int s = 0; s < scenarioCount; s++) {
            out[s] = returns[s * strategyCount + strategy];
        }
        return out;
    }

    private void checkWeights(double[] weights) {
        if (weights.length != strategyCount) {
            throw new IllegalArgumentException("weights: expected " + strategyCount + " values, got " + weights.length);
        }
    }
}
