package io.vaultrisk.allocator.strategy;

import io.vaultrisk.allocator.ScenarioMatrix;
import io.vaultrisk.basics.BlackScholes;
import io.vaultrisk.basics.Greeks;
import io.vaultrisk.basics.OptionType;
import io.vaultrisk.basics.YearFraction;
import io.vaultrisk.kernels.CorrelatedPathTask;
import io.vaultrisk.kernels.PathBlock;
import io.vaultrisk.kernels.ProgressSink;
import io.vaultrisk.kernels.cpu.BlockScheduler;
import io.vaultrisk.montecarlo.book.MarketData;
import io.vaultrisk.montecarlo.compute.ComputeBackend;
import io.vaultrisk.montecarlo.compute.PathStream;
import io.vaultrisk.montecarlo.risk.CorrelationFactor;
import java.util.List;
import java.util.function.Consumer;

/**
 * Simulates every candidate strategy on one shared set of paths: daily correlated GBM paths of the underlyings under
 * the market's real-world drifts (the kernels' {@link CorrelatedPathTask}: Z(path, day, underlying) from the engine's
 * counter-based stream, correlated by Cholesky, observed every day), options priced and hedged with Black–Scholes at the implied vol (realised vol × (1 + premium), the
 * variance risk premium option sellers earn). Each strategy's simple return over the horizon on one unit of capital is
 * one column of the scenario matrix. The paths come from a {@link ComputeBackend} (the CPU by default) through the
 * kernels' path SPI in chunks; the strategies are revalued on the host in the kernels' fixed blocks, so the result
 * does not depend on the thread count or the chunking.
 */
public final class StrategySimulator {
    public static final StrategySimulator DEFAULT = new StrategySimulator();
    private static final double DAY = YearFraction.DAY;

    private StrategySimulator() {}

    /** The scenario matrix and what simulated its paths: the backend's id and device, after any fallback. */
    public record Simulated(ScenarioMatrix matrix, String backend, String device) {}

    /**
     * On the CPU.
     *
     * @param impliedVolPremium implied over realised vol minus one (0.1 = options priced at 110% of the path vol)
     */
    public ScenarioMatrix simulate(
            MarketData market,
            List<StrategyTemplate> templates,
            int horizonDays,
            int paths,
            long seed,
            double impliedVolPremium) {
        return simulate(market, templates, horizonDays, paths, seed, impliedVolPremium, ComputeBackend.CPU, w -> {})
                .matrix();
    }

    /**
     * On {@code compute}; a fallback to the CPU is reported to {@code warnings} (one line each), and a backend that is
     * absent or fails without fallback throws {@link io.vaultrisk.kernels.BackendException}.
     */
    public Simulated simulate(
            MarketData market,
            List<StrategyTemplate> templates,
            int horizonDays,
            int paths,
            long seed,
            double impliedVolPremium,
            ComputeBackend compute,
            Consumer<String> warnings) {
        if (horizonDays < 1 || horizonDays > 365) {
            throw new IllegalArgumentException("horizon must be 1..365 days, got " + horizonDays);
        }
        if (paths < 2) {
            throw new IllegalArgumentException("paths must be at least 2, got " + paths);
        }
        if (!(impliedVolPremium > -1 && impliedVolPremium < 10)) {
            throw new IllegalArgumentException("implied vol premium must be in (-1, 10), got " + impliedVolPremium);
        }
        for (StrategyTemplate t : templates) {
            String u = underlying(t);
            if (u != null && market.indexOf(u) < 0) {
                throw new IllegalArgumentException("strategy " + t.name() + ": unknown underlying " + u);
            }
        }
        double[][] rows = new double[paths][];
        PathStream.Ran ran = eachPath(market, horizonDays, paths, seed, compute, warnings, (path, spots) -> {
            double[] row = new double[templates.size()];
            for (int j = 0; j < row.length; j++) {
                row[j] = strategyReturn(templates.get(j), market, spots, horizonDays, impliedVolPremium);
            }
            rows[path] = row;
        });
        return new Simulated(
                ScenarioMatrix.ofRows(
                        templates.stream().map(StrategyTemplate::name).toList(), rows),
                ran.backend(),
                ran.device());
    }

    /** Receives one path's daily spots {@code spots[u][day]} (day 0 today); called from several threads at once. */
    @FunctionalInterface
    interface PathVisitor {
        void visit(int path, double[][] spots);
    }

    /**
     * The only place the paths are made: {@link #dailyPaths} on the backend, in chunks ({@link PathStream}), each
     * chunk's paths handed to {@code visitor} over the CPU's fixed blocks; what the visitor writes at a path's index
     * does not depend on the thread count, the chunk size or, to 1e-12, the backend.
     */
    private static PathStream.Ran eachPath(
            MarketData market,
            int horizonDays,
            int paths,
            long seed,
            ComputeBackend compute,
            Consumer<String> warnings,
            PathVisitor visitor) {
        CorrelatedPathTask task = dailyPaths(market, horizonDays, seed);
        int n = market.size();
        return PathStream.run(
                compute, task, paths, PathStream.chunk(task), 0, ProgressSink.NONE, warnings, (PathBlock b) -> {
                    BlockScheduler.run(b.count(), BlockScheduler.BLOCK, 0, (first, count) -> {
                        double[][] spots = new double[n][horizonDays + 1];
                        for (int u = 0; u < n; u++) {
                            spots[u][0] = market.underlyings().get(u).spot();
                        }
                        for (int i = (int) first; i < first + count; i++) {
                            for (int d = 1; d <= horizonDays; d++) {
                                for (int u = 0; u < n; u++) {
                                    spots[u][d] = b.observed(i, (d - 1) * n + u);
                                }
                            }
                            visitor.visit(Math.toIntExact(b.first() + i), spots);
                        }
                        return count;
                    });
                });
    }

    /** Daily log-Euler steps of every underlying under its real-world drift, each spot observed every day. */
    private static CorrelatedPathTask dailyPaths(MarketData m, int days, long seed) {
        int n = m.size();
        double[] logSpot0 = new double[n], driftDt = new double[n], volSqrtDt = new double[n];
        for (int u = 0; u < n; u++) {
            double vol = m.underlyings().get(u).vol(),
                    mu = m.underlyings().get(u).drift();
            logSpot0[u] = Math.log(m.underlyings().get(u).spot());
            driftDt[u] = (mu - 0.5 * vol * vol) * DAY;
            volSqrtDt[u] = vol * Math.sqrt(DAY);
        }
        int[] obsUnderlying = new int[n * days], obsStep = new int[n * days];
        for (int d = 1; d <= days; d++) {
            for (int u = 0; u < n; u++) {
                obsUnderlying[(d - 1) * n + u] = u;
                obsStep[(d - 1) * n + u] = d;
            }
        }
        return new CorrelatedPathTask(
                seed,
                logSpot0,
                driftDt,
                volSqrtDt,
                CorrelationFactor.of(m, false).lower(),
                days,
                obsUnderlying,
                obsStep,
                new boolean[days + 1]);
    }

    static String underlying(StrategyTemplate t) {
        if (t instanceof StrategyTemplate.Spot s) {
            return s.underlying();
        } else if (t instanceof StrategyTemplate.CoveredCall c) {
            return c.underlying();
        } else if (t instanceof StrategyTemplate.CashSecuredPut c) {
            return c.underlying();
        } else if (t instanceof StrategyTemplate.DeltaHedgedShortCall c) {
            return c.underlying();
        }
        return null;
    }

    static double strategyReturn(StrategyTemplate t, MarketData m, double[][] spots, int days, double premium) {
        double r = m.rate();
        if (t instanceof StrategyTemplate.Stablecoin s) {
            return Math.expm1(s.annualYield() * days * DAY);
        }
        int u = m.indexOf(underlying(t));
        double[] s = spots[u];
        double iv = m.underlyings().get(u).vol() * (1 + premium);
        if (t instanceof StrategyTemplate.Spot) {
            return s[days] / s[0] - 1;
        } else if (t instanceof StrategyTemplate.CoveredCall c) {
            return shortOptions(OptionType.CALL, c.delta(), c.tenorDays(), s, days, r, iv, true);
        } else if (t instanceof StrategyTemplate.CashSecuredPut c) {
            return shortOptions(OptionType.PUT, c.delta(), c.tenorDays(), s, days, r, iv, false);
        }
        StrategyTemplate.DeltaHedgedShortCall h = (StrategyTemplate.DeltaHedgedShortCall) t;
        return hedgedShortCall(h, s, days, r, iv);
    }

    /**
     * Covered calls (hold 1/S₀ coins per unit of capital, sell as many calls) or cash-secured puts (cash 1, sell
     * cash/K puts at each roll), rolled at expiry and marked at the horizon.
     */
    static double shortOptions(
            OptionType type, double delta, int tenor, double[] s, int days, double r, double iv, boolean covered) {
        double coins = covered ? 1.0 / s[0] : 0.0;
        double cash = covered ? 0.0 : 1.0;
        double quantity = 0, strike = 0;
        int expiry = -1;
        for (int d = 0; d <= days; d++) {
            if (d > 0) {
                cash *= Math.exp(r * DAY);
            }
            if (d == expiry) {
                cash -= quantity * Math.max(type.isCall() ? s[d] - strike : strike - s[d], 0.0);
                quantity = 0;
            }
            if (quantity == 0 && d < days) {
                double t = tenor * DAY;
                strike = BlackScholes.strikeForDelta(type, s[d], type.sign() * delta, t, r, iv);
                quantity = covered ? coins : cash / strike;
                cash += quantity * BlackScholes.price(type, s[d], strike, t, r, iv);
                expiry = d + tenor;
            }
        }
        if (quantity > 0) {
            cash -= quantity * BlackScholes.price(type, s[days], strike, (expiry - days) * DAY, r, iv);
        }
        return coins * s[days] + cash - 1.0;
    }

    /** Short 1/S₀ calls per unit of capital, delta-hedged daily whenever the hedge is off by more than the band. */
    static double hedgedShortCall(StrategyTemplate.DeltaHedgedShortCall h, double[] s, int days, double r, double iv) {
        double n = 1.0 / s[0];
        double cash = 1.0, hedge = 0, strike = 0;
        int expiry = -1;
        boolean open = false;
        for (int d = 0; d <= days; d++) {
            if (d > 0) {
                cash *= Math.exp(r * DAY);
            }
            if (open && d == expiry) {
                cash -= n * Math.max(s[d] - strike, 0.0);
                open = false;
            }
            if (!open && d < days) {
                double t = h.tenorDays() * DAY;
                strike = BlackScholes.strikeForDelta(OptionType.CALL, s[d], h.delta(), t, r, iv);
                cash += n * BlackScholes.price(OptionType.CALL, s[d], strike, t, r, iv);
                expiry = d + h.tenorDays();
                open = true;
            }
            double target = 0;
            if (open) {
                Greeks g = BlackScholes.linear(OptionType.CALL, s[d], strike, (expiry - d) * DAY, r, iv);
                target = n * g.delta();
            }
            if (d < days && Math.abs(target - hedge) > h.hedgeBand() * n) {
                cash -= (target - hedge) * s[d];
                hedge = target;
            }
        }
        double value = cash + hedge * s[days];
        if (open) {
            value -= n * BlackScholes.price(OptionType.CALL, s[days], strike, (expiry - days) * DAY, r, iv);
        }
        return value - 1.0;
    }
}
