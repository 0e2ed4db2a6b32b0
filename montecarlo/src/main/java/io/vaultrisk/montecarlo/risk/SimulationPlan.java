package io.vaultrisk.montecarlo.risk;

import io.vaultrisk.basics.YearFraction;
import io.vaultrisk.kernels.CorrelatedPathTask;
import io.vaultrisk.kernels.PathDynamics;
import io.vaultrisk.montecarlo.book.Book;
import io.vaultrisk.montecarlo.book.BookFormatException;
import io.vaultrisk.montecarlo.book.OptionPosition;
import io.vaultrisk.montecarlo.book.PerpetualPosition;
import io.vaultrisk.montecarlo.book.Position;
import io.vaultrisk.montecarlo.book.Underlying;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A book and settings compiled into flat arrays: the {@link CorrelatedPathTask} of its paths (per-step drift and
 * diffusion of each underlying, the Cholesky factor, the steps at which spots are observed: horizons, and option
 * expiries that fall inside the longest horizon; checkpoints at funding times and horizons when the book holds
 * perpetuals), and the perpetuals' parameters.
 *
 * <p>Underlying u is dimension u of the random stream: Z(path, step, u) of {@link io.vaultrisk.kernels.rng.NormalStream}.
 * The step from time index s to s + 1 uses Z(path, s, ·). Further dimensions, in this order, serve the underlyings'
 * vol factors, Heston variances, Merton jump counts and sizes, the market jump's clock and its sizes
 * ({@link PathDynamics}); a plain GBM book has none, so its numbers do not depend on those features.
 */
final class SimulationPlan {
    final Book book;
    final RiskSettings settings;
    final CorrelationFactor correlation;
    final int underlyings;
    final double dt;
    final double[] logSpot0, driftDt, volSqrtDt;
    final double[][] lower;
    final int totalSteps;
    final int[] horizonSteps;
    /** Observations: (underlying, step). Horizon h of underlying u is observation h·U + u. */
    final int[] obsUnderlying, obsStep;

    final Map<Long, Integer> expiryObservation = new LinkedHashMap<>();
    final List<PerpetualPosition> perps = new ArrayList<>();
    final int[] perpUnderlying, perpFundingEvery;
    final boolean[] perpLinear;
    final double[] perpSize, perpEntry, perpMargin, perpMmr, perpBase, perpSens, perpCap;
    final CorrelatedPathTask paths;
    final int[] horizonOfStep;
    /** Observation of underlying u's vol factor at horizon h: volObservation[h][u], or −1 without vol dynamics. */
    final int[][] volObservation;

    SimulationPlan(Book book, RiskSettings settings) {
        this.book = book;
        this.settings = settings;
        this.correlation = CorrelationFactor.of(book.market(), settings.repairCorrelation());
        List<Underlying> us = book.market().underlyings();
        underlyings = us.size();
        dt = 1.0 / (YearFraction.DAYS_PER_YEAR * settings.stepsPerDay());
        logSpot0 = new double[underlyings];
        driftDt = new double[underlyings];
        volSqrtDt = new double[underlyings];
        for (int u = 0; u < underlyings; u++) {
            Underlying x = us.get(u);
            logSpot0[u] = Math.log(x.spot());
            driftDt[u] = MarketPaths.driftDt(book.market(), u, dt);
            volSqrtDt[u] = x.vol() * Math.sqrt(dt);
        }
        lower = correlation.lower();
        int[] days = settings.horizonDays();
        horizonSteps = new int[days.length];
        for (int h = 0; h < days.length; h++) {
            horizonSteps[h] = days[h] * settings.stepsPerDay();
        }
        totalSteps = horizonSteps[days.length - 1];
        List<int[]> obs = new ArrayList<>();
        for (int h = 0; h < days.length; h++) {
            for (int u = 0; u < underlyings; u++) {
                obs.add(new int[] {u, horizonSteps[h]});
            }
        }
        for (Position p : book.positions()) {
            if (p instanceof OptionPosition o) {
                int step = expiryStep(o);
                if (step <= totalSteps) {
                    int u = book.market().indexOf(o.underlying());
                    long key = ((long) u << 32) | step;
                    if (!expiryObservation.containsKey(key)) {
                        expiryObservation.put(key, obs.size());
                        obs.add(new int[] {u, step});
                    }
                }
            } else if (p instanceof PerpetualPosition pp) {
                perps.add(pp);
            }
        }
        PathDynamics dynamics = MarketPaths.dynamics(book.market(), dt);
        volObservation = new int[days.length][underlyings];
        for (int h = 0; h < days.length; h++) {
            for (int u = 0; u < underlyings; u++) {
                volObservation[h][u] = -1;
                if (dynamics.hasVolFactor(u)) {
                    volObservation[h][u] = obs.size();
                    obs.add(new int[] {underlyings + u, horizonSteps[h]});
                }
            }
        }
        obsUnderlying = obs.stream().mapToInt(o -> o[0]).toArray();
        obsStep = obs.stream().mapToInt(o -> o[1]).toArray();
        int n = perps.size();
        perpUnderlying = new int[n];
        perpFundingEvery = new int[n];
        perpLinear = new boolean[n];
        perpSize = new double[n];
        perpEntry = new double[n];
        perpMargin = new double[n];
        perpMmr = new double[n];
        perpBase = new double[n];
        perpSens = new double[n];
        perpCap = new double[n];
        boolean[] checkpoint = new boolean[totalSteps + 1];
        horizonOfStep = new int[totalSteps + 1];
        java.util.Arrays.fill(horizonOfStep, -1);
        for (int h = 0; h < horizonSteps.length; h++) {
            horizonOfStep[horizonSteps[h]] = h;
        }
        for (int i = 0; i < n; i++) {
            PerpetualPosition p = perps.get(i);
            perpUnderlying[i] = book.market().indexOf(p.underlying());
            double every = p.fundingIntervalHours() * settings.stepsPerDay() / 24.0;
            if (Math.abs(every - Math.rint(every)) > 1e-9 || every < 1) {
                throw new BookFormatException(
                        p.id(),
                        "fundingIntervalHours",
                        "a funding interval of "
                                + p.fundingIntervalHours() + " h does not fall on the simulation steps ("
                                + settings.stepsPerDay() + " per day)");
            }
            perpFundingEvery[i] = (int) Math.rint(every);
            perpLinear[i] = p.isLinear();
            perpSize[i] = p.size();
            perpEntry[i] = p.entryPrice();
            perpMargin[i] = p.margin();
            perpMmr[i] = p.maintenanceMarginRate();
            perpBase[i] = p.funding().base();
            perpSens[i] = p.funding().sensitivity();
            perpCap[i] = p.funding().cap();
            for (int s = perpFundingEvery[i]; s <= totalSteps; s += perpFundingEvery[i]) {
                checkpoint[s] = true;
            }
        }
        if (n > 0) {
            for (int s : horizonSteps) {
                checkpoint[s] = true;
            }
        }
        if (n > 0 && settings.liquidationMonitoring() == LiquidationMonitoring.CONTINUOUS) {
            java.util.Arrays.fill(checkpoint, 1, totalSteps + 1, true); // the bridge needs every step's end points
        }
        paths = new CorrelatedPathTask(
                settings.seed(),
                logSpot0,
                driftDt,
                volSqrtDt,
                lower,
                totalSteps,
                obsUnderlying,
                obsStep,
                checkpoint,
                dynamics);
    }

    /** The step nearest an option's expiry (an expiry between steps settles at the spot of the nearest step). */
    int expiryStep(OptionPosition o) {
        double years = book.yearsTo(o.expiry());
        return (int) Math.max(1, Math.round(years / dt));
    }

    int observation(int horizon, int u) {
        return horizon * underlyings + u;
    }

    int horizons() {
        return horizonSteps.length;
    }

    double horizonYears(int h) {
        return horizonSteps[h] * dt;
    }
}
