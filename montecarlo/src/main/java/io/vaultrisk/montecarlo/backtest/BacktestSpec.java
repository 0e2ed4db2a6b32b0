package io.vaultrisk.montecarlo.backtest;

import io.vaultrisk.montecarlo.risk.RiskSettings;
import io.vaultrisk.montecarlo.vol.Ewma;
import java.io.Serializable;

/**
 * What a VaR backtest runs: one confidence and horizon, where the vol comes from, how the VaR is computed, and how
 * long to walk. Invalid values throw {@link InvalidBacktestException} naming the component.
 *
 * @param volModel {@code book}: the book's vols every day; {@code ewma}/{@code garch}: each underlying's one-day
 *     forecast from the history up to that day, annualised, options keeping their vol's ratio to the underlying's
 * @param method {@code mc}: the book's Monte Carlo (RiskEngine, correlated GBM); {@code fhs}: filtered historical
 *     simulation from the history's standardised returns
 * @param days the most observations to walk (0: to the end of the history)
 */
public record BacktestSpec(
        double confidence,
        int horizonDays,
        VolModel volModel,
        Method method,
        long paths,
        long seed,
        double lambda,
        int days,
        int stepsPerDay,
        int threads)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final int MAX_HORIZON_DAYS = 30;
    public static final long DEFAULT_PATHS = 20_000;
    public static final int DEFAULT_STEPS_PER_DAY = RiskSettings.DEFAULT_STEPS_PER_DAY;

    public enum VolModel {
        BOOK,
        EWMA,
        GARCH
    }

    public enum Method {
        MC,
        FHS
    }

    public BacktestSpec {
        if (!(confidence >= 0.5 && confidence < 1)) {
            throw new InvalidBacktestException("confidence", "must be in [0.5, 1), got " + confidence);
        }
        if (horizonDays < 1 || horizonDays > MAX_HORIZON_DAYS) {
            throw new InvalidBacktestException(
                    "horizonDays", "must be in 1.." + MAX_HORIZON_DAYS + ", got " + horizonDays);
        }
        if (volModel == null) {
            throw new InvalidBacktestException("volModel", "is required (book, ewma or garch)");
        }
        if (method == null) {
            throw new InvalidBacktestException("method", "is required (mc or fhs)");
        }
        if (method == Method.FHS && volModel == VolModel.BOOK) {
            throw new InvalidBacktestException(
                    "volModel", "fhs standardises returns by a vol forecast: use ewma or garch, not book");
        }
        if (paths < RiskSettings.MIN_PATHS || paths > RiskSettings.MAX_PATHS) {
            throw new InvalidBacktestException(
                    "paths", "must be in " + RiskSettings.MIN_PATHS + ".." + RiskSettings.MAX_PATHS + ", got " + paths);
        }
        if (!(lambda > 0 && lambda < 1)) {
            throw new InvalidBacktestException("lambda", "must be in (0, 1), got " + lambda);
        }
        if (days < 0) {
            throw new InvalidBacktestException("days", "must be >= 0 (0 = to the end of the history), got " + days);
        }
        if (stepsPerDay < 1 || stepsPerDay > RiskSettings.MAX_STEPS_PER_DAY) {
            throw new InvalidBacktestException(
                    "stepsPerDay", "must be in 1.." + RiskSettings.MAX_STEPS_PER_DAY + ", got " + stepsPerDay);
        }
        if (threads < 0) {
            throw new InvalidBacktestException("threads", "must be >= 0 (0 = all cores), got " + threads);
        }
    }

    public static BacktestSpec of(double confidence, int horizonDays, VolModel volModel, Method method) {
        return new BacktestSpec(
                confidence,
                horizonDays,
                volModel,
                method,
                DEFAULT_PATHS,
                RiskSettings.DEFAULT_SEED,
                Ewma.DEFAULT_LAMBDA,
                0,
                DEFAULT_STEPS_PER_DAY,
                0);
    }

    public BacktestSpec withPaths(long n) {
        return new BacktestSpec(confidence, horizonDays, volModel, method, n, seed, lambda, days, stepsPerDay, threads);
    }

    public BacktestSpec withSeed(long s) {
        return new BacktestSpec(
                confidence, horizonDays, volModel, method, paths, s, lambda, days, stepsPerDay, threads);
    }

    public BacktestSpec withLambda(double l) {
        return new BacktestSpec(confidence, horizonDays, volModel, method, paths, seed, l, days, stepsPerDay, threads);
    }

    public BacktestSpec withDays(int n) {
        return new BacktestSpec(
                confidence, horizonDays, volModel, method, paths, seed, lambda, n, stepsPerDay, threads);
    }

    public BacktestSpec withStepsPerDay(int n) {
        return new BacktestSpec(confidence, horizonDays, volModel, method, paths, seed, lambda, days, n, threads);
    }

    public BacktestSpec withThreads(int n) {
        return new BacktestSpec(confidence, horizonDays, volModel, method, paths, seed, lambda, days, stepsPerDay, n);
    }
}
