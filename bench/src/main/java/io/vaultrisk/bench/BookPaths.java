package io.vaultrisk.bench;

import io.vaultrisk.basics.YearFraction;
import io.vaultrisk.kernels.CorrelatedPathTask;
import io.vaultrisk.kernels.PathBackend;
import io.vaultrisk.kernels.PathBlock;
import io.vaultrisk.kernels.PathDynamics;
import io.vaultrisk.kernels.ProgressSink;
import io.vaultrisk.montecarlo.book.Book;
import io.vaultrisk.montecarlo.book.OptionPosition;
import io.vaultrisk.montecarlo.book.PerpetualPosition;
import io.vaultrisk.montecarlo.book.Position;
import io.vaultrisk.montecarlo.book.Underlying;
import io.vaultrisk.montecarlo.book.VolDynamics;
import io.vaultrisk.montecarlo.model.HestonModel;
import io.vaultrisk.montecarlo.model.MertonModel;
import io.vaultrisk.montecarlo.risk.CorrelationFactor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The path half of the nightly workload as the backends see it: the {@link CorrelatedPathTask} that the risk engine
 * compiles for {@link BenchBooks#thousandPositionsWithVolDynamics()} at the settings of {@link RiskBookBenchmark}
 * (horizons 1 and 7 days, 24 steps per day: 168 steps of 5 correlated underlyings, each with its implied-vol factor;
 * spots observed at the horizons and at the option expiries inside them, vol factors at the horizons; checkpoints at
 * the perpetuals' 8-hour funding times and the horizons), run over all paths in chunks of {@link #CHUNK}.
 *
 * <p>The engine's own plan ({@code montecarlo/risk/SimulationPlan}) is package-private, so the task is rebuilt here
 * from the book with the same rules (the bench book has GBM underlyings without jumps; other models are refused);
 * {@code BookPathsTest} pins its shape. When montecarlo exposes the plan's task, {@link #task} becomes a call to it.
 */
public final class BookPaths {
    /** Paths per {@link PathBackend#simulatePaths} call: enough to fill a large GPU, ~0.4 GB of host memory. */
    public static final int CHUNK = 1 << 17;

    public static final int[] HORIZON_DAYS = {1, 7};
    public static final int STEPS_PER_DAY = 24;
    public static final long SEED = 20261125L;

    private BookPaths() {}

    /** The nightly book's path task. */
    public static CorrelatedPathTask nightly() {
        return task(BenchBooks.thousandPositionsWithVolDynamics(), SEED);
    }

    /** The path task of {@code book} at the nightly settings (see the class comment). */
    public static CorrelatedPathTask task(Book book, long seed) {
        List<Underlying> us = book.market().underlyings();
        int n = us.size();
        double dt = 1.0 / (YearFraction.DAYS_PER_YEAR * STEPS_PER_DAY);
        double[] logSpot0 = new double[n], driftDt = new double[n], volSqrtDt = new double[n];
        for (int u = 0; u < n; u++) {
            Underlying x = us.get(u);
            if (x.model() instanceof MertonModel || x.model() instanceof HestonModel) {
                throw new IllegalArgumentException("the book-path benchmark covers GBM underlyings, " + x.name()
                        + " has " + x.model().getClass().getSimpleName());
            }
            logSpot0[u] = Math.log(x.spot());
            driftDt[u] = (x.drift() - 0.5 * x.vol() * x.vol()) * dt;
            volSqrtDt[u] = x.vol() * Math.sqrt(dt);
        }
        if (book.market().marketJump().isOn()) {
            throw new IllegalArgumentException("the book-path benchmark covers books without a market jump");
        }
        int steps = HORIZON_DAYS[HORIZON_DAYS.length - 1] * STEPS_PER_DAY;
        List<int[]> obs = new ArrayList<>();
        for (int days : HORIZON_DAYS) {
            for (int u = 0; u < n; u++) {
                obs.add(new int[] {u, days * STEPS_PER_DAY});
            }
        }
        Set<Long> expiries = new LinkedHashSet<>();
        boolean[] checkpoint = new boolean[steps + 1];
        boolean perps = false;
        for (Position p : book.positions()) {
            if (p instanceof OptionPosition o) {
                int step = (int) Math.max(1, Math.round(book.yearsTo(o.expiry()) / dt));
                int u = book.market().indexOf(o.underlying());
                if (step <= steps && expiries.add(((long) u << 32) | step)) {
                    obs.add(new int[] {u, step});
                }
            } else if (p instanceof PerpetualPosition pp) {
                perps = true;
                int every = (int) Math.rint(pp.fundingIntervalHours() * STEPS_PER_DAY / 24.0);
                for (int s = Math.max(1, every); s <= steps; s += Math.max(1, every)) {
                    checkpoint[s] = true;
                }
            }
        }
        if (perps) {
            for (int days : HORIZON_DAYS) {
                checkpoint[days * STEPS_PER_DAY] = true;
            }
        }
        int dims = n;
        int[] off = new int[n], volDim = new int[n];
        Arrays.fill(off, -1);
        Arrays.fill(volDim, -1);
        double[] zero = new double[n], volDecay = new double[n], volShock = new double[n], volRho = new double[n];
        for (int u = 0; u < n; u++) {
            VolDynamics d = us.get(u).volDynamics();
            if (d != null) {
                volDim[u] = dims++;
                volDecay[u] = d.decay(dt);
                volShock[u] = d.stepSd(dt);
                volRho[u] = d.spotCorrelation();
            }
        }
        for (int days : HORIZON_DAYS) {
            for (int u = 0; u < n; u++) {
                if (volDim[u] >= 0) {
                    obs.add(new int[] {n + u, days * STEPS_PER_DAY});
                }
            }
        }
        PathDynamics dynamics = new PathDynamics(
                dims,
                dt,
                new int[n],
                zero,
                zero,
                zero,
                off,
                off,
                zero,
                zero,
                zero,
                zero,
                zero,
                off,
                0,
                -1,
                zero,
                zero,
                off,
                volDecay,
                volShock,
                volRho,
                volDim);
        return new CorrelatedPathTask(
                seed,
                logSpot0,
                driftDt,
                volSqrtDt,
                CorrelationFactor.of(book.market(), false).lower(),
                steps,
                obs.stream().mapToInt(o -> o[0]).toArray(),
                obs.stream().mapToInt(o -> o[1]).toArray(),
                checkpoint,
                dynamics);
    }

    /**
     * Paths 0..paths − 1 of {@code task} on {@code backend} in chunks of {@link #CHUNK}; returns the sum of each
     * path's last observation, so that no work can be skipped and runs can be compared.
     */
    public static double run(PathBackend backend, CorrelatedPathTask task, long paths, int threads) {
        return run(backend, task, paths, threads, CHUNK);
    }

    static double run(PathBackend backend, CorrelatedPathTask task, long paths, int threads, int chunk) {
        double sum = 0;
        int last = task.observations() - 1;
        for (long first = 0; first < paths; first += chunk) {
            int count = (int) Math.min(chunk, paths - first);
            PathBlock b = backend.simulatePaths(task, first, count, threads, ProgressSink.NONE);
            for (int i = 0; i < count; i++) {
                sum += b.observed(i, last);
            }
        }
        return sum;
    }
}
