package io.vaultrisk.kernels.cpu;

import io.vaultrisk.basics.Normal;
import io.vaultrisk.kernels.Estimator;
import io.vaultrisk.kernels.EstimatorSums;
import io.vaultrisk.kernels.EuropeanTask;
import io.vaultrisk.kernels.rng.NormalStream;
import io.vaultrisk.kernels.rng.Philox4x32;
import io.vaultrisk.kernels.rng.SobolCursor;
import io.vaultrisk.kernels.rng.SobolDirections;
import io.vaultrisk.kernels.rng.Uniforms;

/**
 * Randomised QMC for GBM: Sobol points (Joe–Kuo directions) with an independent random digital shift per replicate,
 * mapped to normals by AS 241 and to paths by a Brownian bridge. Each replicate is an unbiased estimate; their spread
 * gives the standard error. Beyond 1,000 steps the bridge's finest levels take Philox normals (a standard hybrid).
 */
final class GbmQmcKernel {
    /** Philox draw block reserved for the digital shifts, away from the normals' blocks. */
    static final int SHIFT_BLOCK = 0x5100_0000;

    private final EuropeanTask task;
    private final GbmEstimators estimators;
    private final BrownianBridge bridge;
    private final NormalStream tail;
    private final int sobolDims;
    private final double logSpot, drift, vol;

    GbmQmcKernel(EuropeanTask task) {
        this.task = task;
        this.estimators = new GbmEstimators(task);
        this.bridge = new BrownianBridge(task.steps(), task.expiry());
        this.tail = new NormalStream(task.seed());
        this.sobolDims = Math.min(task.steps(), SobolDirections.MAX_DIMENSIONS);
        this.vol = task.parameter(0);
        this.logSpot = Math.log(task.spot());
        this.drift = (task.rate() - 0.5 * vol * vol) * task.expiry() / task.steps();
    }

    /** The digital shift of {@code replicate}: one Philox word per dimension. */
    int[] shift(int replicate) {
        int[] shift = new int[sobolDims], words = new int[4];
        for (int d = 0; d < sobolDims; d += 4) {
            Philox4x32.draw(task.seed(), d, replicate, SHIFT_BLOCK, words);
            for (int j = 0; j < 4 && d + j < sobolDims; j++) {
                shift[d + j] = words[j];
            }
        }
        return shift;
    }

    void simulate(int replicate, long first, long count, EstimatorSums sums) {
        int steps = task.steps();
        SobolCursor cursor = new SobolCursor(SobolDirections.joeKuo(), sobolDims, first, shift(replicate));
        int[] words = new int[sobolDims];
        double[] normals = new double[steps], w = new double[steps + 1], values = new double[Estimator.COUNT];
        long pathBase = (long) replicate * task.samples();
        for (long i = first; i < first + count; i++) {
            cursor.nextWords(words);
            for (int d = 0; d < sobolDims; d++) {
                normals[d] = Normal.quantile(Uniforms.open01(words[d]));
            }
            for (int d = sobolDims; d < steps; d++) {
                normals[d] = tail.normal(pathBase + i, d, 0);
            }
            bridge.build(normals, w);
            double ln = logSpot;
            for (int s = 1; s <= steps; s++) {
                ln += drift + vol * (w[s] - w[s - 1]);
            }
            estimators.fill(ln, values);
            sums.add(values);
        }
    }
}
