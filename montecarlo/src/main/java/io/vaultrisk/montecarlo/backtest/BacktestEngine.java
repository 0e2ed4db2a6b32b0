package io.vaultrisk.montecarlo.backtest;

import io.vaultrisk.kernels.ProgressSink;
import io.vaultrisk.montecarlo.book.Book;
import io.vaultrisk.montecarlo.book.MarketData;
import io.vaultrisk.montecarlo.book.OptionPosition;
import io.vaultrisk.montecarlo.book.PerpetualPosition;
import io.vaultrisk.montecarlo.book.Position;
import io.vaultrisk.montecarlo.book.SpotPosition;
import io.vaultrisk.montecarlo.book.Underlying;
import io.vaultrisk.montecarlo.compute.ComputeBackend;
import io.vaultrisk.montecarlo.history.PriceHistory;
import io.vaultrisk.montecarlo.risk.PositionValuer;
import io.vaultrisk.montecarlo.risk.RiskEngine;
import io.vaultrisk.montecarlo.risk.RiskReport;
import io.vaultrisk.montecarlo.risk.RiskSettings;
import io.vaultrisk.montecarlo.vol.Ewma;
import io.vaultrisk.montecarlo.vol.Garch;
import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Walks a price history day by day from the book's {@code asOf} date: each day the book is rebuilt at that day's
 * closes, its VaR is computed with data up to that day only, and the P&amp;L its positions realise at the closes
 * {@code horizonDays} later is compared with it.
 *
 * <p>How the template book becomes each day's book (the vault's own rolling rule):
 *
 * <ul>
 *   <li>Spot holdings: the same coin quantities.
 *   <li>Options: strike as moneyness K/S₀ of the template, tenor = the template's days to expiry. The vault writes
 *       the option at the close of a roll day, holds it to expiry, and writes the next one at that expiry's close
 *       (roll days every tenor days from the book's date): strike = moneyness × the roll day's close.
 *   <li>Perpetuals: re-opened at each day's close with the template's leverage: entry price scaled by S_t/S₀, linear
 *       margin scaled by S_t/S₀, inverse size scaled by S_t/S₀ (same coin notional, same coin margin).
 * </ul>
 *
 * Realised P&amp;L: the positions held on day t valued at the closes of day t + h with that day's vols (the same
 * model, data up to t + h; an option expiring inside the horizon pays intrinsic at the closes of t + h) minus their
 * value on day t. Perpetual funding over the horizon is left out of the realised P&amp;L (the VaR includes it), and a
 * perpetual is liquidated only if a close crosses its liquidation price (the history has no intraday path).
 */
public final class BacktestEngine {
    public static final BacktestEngine DEFAULT = new BacktestEngine(RiskEngine.DEFAULT);
    /** Days of returns needed before the first observation, so the vol forecast has data of its own. */
    public static final int MIN_HISTORY_DAYS = Garch.MIN_RETURNS + 1;
    /** GARCH is refitted on the data up to the day every this many days (and filtered daily in between). */
    public static final int GARCH_REFIT_DAYS = 30;

    /** Runs the Monte Carlo VaR of each day (method MC); filtered historical simulation stays on the host. */
    private final RiskEngine risk;

    private BacktestEngine(RiskEngine risk) {
        this.risk = risk;
    }

    /** A backtest whose daily Monte Carlo VaR runs on {@code compute}. */
    public static BacktestEngine on(ComputeBackend compute) {
        return new BacktestEngine(RiskEngine.on(compute));
    }

    public BacktestReport run(Book template, PriceHistory history, BacktestSpec spec, ProgressSink progress) {
        long started = System.nanoTime();
        Walk walk = walk(template, history, spec);
        List<DayResult> days = new ArrayList<>(walk.days());
        for (int t = walk.first(); t <= walk.last(); t++) {
            days.add(walk.day(t));
            progress.advance(1);
        }
        return walk.report(days, started);
    }

    /**
     * The walk of {@code template} over {@code history}: checked as {@link #run} checks it (throws its {@link
     * InvalidBacktestException}), its days computed one at a time ({@link Walk#day}, in any order and anywhere: a day
     * reads data up to itself and its horizon only) and the report made from them ({@link Walk#report}), which is
     * {@link #run}'s bit for bit however the days were shared out.
     */
    public Walk walk(Book template, PriceHistory history, BacktestSpec spec) {
        return new Walk(template, history, spec);
    }

    /**
     * One day of a walk: the book's value on day {@code t} (history index), its VaR, the P&amp;L realised over the
     * horizon, what ran the simulation (null for filtered historical simulation) and its backend warnings.
     */
    public record DayResult(
            int t, double value, double var, double pnl, String backend, String device, List<String> warnings)
            implements Serializable {
        private static final long serialVersionUID = 1L;

        public DayResult {
            warnings = List.copyOf(warnings);
        }
    }

    /** A checked backtest of one book: its first and last day (history indices) and the days' computation. */
    public final class Walk {
        private final Book template;
        private final PriceHistory history;
        private final BacktestSpec spec;
        private final int t0, last;
        private final int[] col;
        private final double[][] returns;
        private final VolPath vols;

        private Walk(Book template, PriceHistory history, BacktestSpec spec) {
            this.template = template;
            this.history = history;
            this.spec = spec;
            LocalDate asOf = LocalDate.ofInstant(template.asOf(), ZoneOffset.UTC);
            t0 = history.indexOf(asOf);
            if (t0 < 0) {
                throw new InvalidBacktestException(
                        "asOf",
                        "the book's date " + asOf + " is outside the history " + history.start() + ".."
                                + history.end());
            }
            List<Underlying> unds = template.market().underlyings();
            col = columns(template, history);
            if (spec.volModel() != BacktestSpec.VolModel.BOOK || spec.method() == BacktestSpec.Method.FHS) {
                requireHistoryBefore(history, asOf, t0);
            }
            int h = spec.horizonDays();
            int end = history.days() - 1 - h;
            if (end < t0) {
                throw new InvalidBacktestException(
                        "asOf", "the book's date " + asOf + " leaves no day with " + h + " day(s) of history after it");
            }
            if (spec.days() > 0) {
                end = Math.min(end, t0 + spec.days() - 1);
            }
            last = end;
            returns = new double[unds.size()][];
            for (int u = 0; u < unds.size(); u++) {
                returns[u] = history.logReturns(unds.get(u).name());
            }
            vols = new VolPath(spec, returns, template, last + h);
        }

        /** The first day, a history index. */
        public int first() {
            return t0;
        }

        /** The last day, a history index. */
        public int last() {
            return last;
        }

        public int days() {
            return last - t0 + 1;
        }

        /** Day {@code t} (first() ≤ t ≤ last()). */
        public DayResult day(int t) {
            if (t < t0 || t > last) {
                throw new IllegalArgumentException("day " + t + " is outside the walk " + t0 + ".." + last);
            }
            Book today = bookOn(template, history, col, vols, t0, t);
            double value = value(today, today.positions());
            String[] ran = {null, null};
            Set<String> warnings = new LinkedHashSet<>();
            double var = spec.method() == BacktestSpec.Method.MC
                    ? monteCarloVar(today, spec, ran, warnings)
                    : FilteredHistoricalSimulation.var(today, value, spec, returns, vols, t);
            Book later = marketOn(today, history, col, vols, t + spec.horizonDays());
            double pnl = value(later, today.positions()) - value;
            return new DayResult(t, value, var, pnl, ran[0], ran[1], List.copyOf(warnings));
        }

        /** The report from every day of the walk, in day order; the elapsed time counts from {@code started}. */
        public BacktestReport report(List<DayResult> results, long started) {
            if (results.size() != days()) {
                throw new IllegalArgumentException("the walk has " + days() + " days, got " + results.size());
            }
            int n = days(), h = spec.horizonDays();
            List<BacktestReport.Day> days = new ArrayList<>(n);
            boolean[] hits = new boolean[n];
            int exceptions = 0;
            // what ran the daily simulations (the last day's, after any fallback) and their distinct warnings
            String[] ran = {"cpu", ComputeBackend.CPU.backend().device()};
            Set<String> backendWarnings = new LinkedHashSet<>();
            for (int i = 0; i < n; i++) {
                DayResult d = results.get(i);
                if (d.t() != t0 + i) {
                    throw new IllegalArgumentException("day " + (t0 + i) + " expected, got " + d.t());
                }
                boolean hit = -d.pnl() > d.var();
                hits[i] = hit;
                exceptions += hit ? 1 : 0;
                days.add(new BacktestReport.Day(history.date(d.t()), d.value(), d.var(), d.pnl(), hit));
                if (d.backend() != null) {
                    ran[0] = d.backend();
                    ran[1] = d.device();
                }
                backendWarnings.addAll(d.warnings());
            }
            double p = 1 - spec.confidence();
            List<String> notes = new ArrayList<>();
            notes.add("realised P&L leaves out perpetual funding and intraday liquidation (closes only)");
            notes.add("options revalued with the vol model's vol of each day (no implied-vol history): no skew, "
                    + "no vol risk premium");
            if (spec.method() == BacktestSpec.Method.MC) {
                notes.add("VaR by correlated GBM with the book's correlations (no jumps, no fat tails)");
            }
            notes.addAll(backendWarnings);
            if (h > 1) {
                notes.add("overlapping " + h + "-day horizons: exceptions are serially dependent by construction, "
                        + "so Christoffersen's test and the traffic light overstate the evidence");
            }
            return new BacktestReport(
                    template.name(),
                    template.quoteCurrency(),
                    spec,
                    history.date(t0),
                    history.date(last),
                    n,
                    exceptions,
                    CoverageTests.kupiec(n, exceptions, p),
                    CoverageTests.christoffersen(hits),
                    CoverageTests.trafficLight(n, exceptions, p),
                    days,
                    notes,
                    (System.nanoTime() - started) / 1e6,
                    ran[0],
                    ran[1]);
        }
    }

    /** The history's column of each of the book's underlyings (book order). */
    static int[] columns(Book book, PriceHistory history) {
        List<Underlying> unds = book.market().underlyings();
        int[] col = new int[unds.size()];
        for (int u = 0; u < unds.size(); u++) {
            col[u] = history.column(unds.get(u).name());
            if (col[u] < 0) {
                throw new InvalidBacktestException(
                        "underlyings",
                        "the book's underlying " + unds.get(u).name() + " has no column in the history "
                                + history.names());
            }
        }
        return col;
    }

    /** A vol forecast needs {@link #MIN_HISTORY_DAYS} days of returns before the book's date. */
    static void requireHistoryBefore(PriceHistory history, LocalDate asOf, int t0) {
        if (t0 < MIN_HISTORY_DAYS) {
            throw new InvalidBacktestException(
                    "asOf",
                    "the book's date " + asOf + " leaves " + t0 + " days of history before it; the vol model "
                            + "needs " + MIN_HISTORY_DAYS + " (start the book on or after "
                            + history.date(MIN_HISTORY_DAYS) + ")");
        }
    }

    static double value(Book book, List<Position> positions) {
        double v = 0;
        for (Position p : positions) {
            v += PositionValuer.DEFAULT.value(book, p);
        }
        return v;
    }

    private double monteCarloVar(Book today, BacktestSpec spec, String[] ran, Set<String> warnings) {
        RiskSettings settings = RiskSettings.of(
                        spec.paths(), spec.seed(), new int[] {spec.horizonDays()}, new double[] {spec.confidence()})
                .withStepsPerDay(spec.stepsPerDay())
                .withThreads(spec.threads());
        RiskReport r = risk.run(today, settings, ProgressSink.NONE);
        ran[0] = r.backend();
        ran[1] = r.device();
        r.warnings().stream().filter(w -> w.startsWith("backend ")).forEach(warnings::add);
        return r.first().level(spec.confidence()).measures().var();
    }

    /** The template's positions as the vault holds them on day t, at that day's closes and vols. */
    private static Book bookOn(Book template, PriceHistory history, int[] col, VolPath vols, int t0, int t) {
        Book market = marketOn(template, history, col, vols, t);
        List<Position> held = new ArrayList<>();
        for (Position p : template.positions()) {
            int u = template.market().indexOf(p.underlying());
            double s0 = template.market().underlyings().get(u).spot();
            double st = history.closes()[col[u]][t];
            if (p instanceof SpotPosition s) {
                held.add(s);
            } else if (p instanceof OptionPosition o) {
                int tenor = Math.max(1, (int) Math.round(template.yearsTo(o.expiry()) * 365));
                int roll = t - Math.floorMod(t - t0, tenor);
                double strike = o.strike() / s0 * history.closes()[col[u]][roll];
                Instant expiry = instant(history.date(roll).plusDays(tenor));
                double vol = Double.isNaN(o.vol())
                        ? Double.NaN
                        : o.vol()
                                / template.market().underlyings().get(u).vol()
                                * market.market().underlyings().get(u).vol();
                held.add(new OptionPosition(
                        o.id(), o.underlying(), o.optionType(), strike, expiry, o.settlement(), o.quantity(), vol));
            } else {
                PerpetualPosition pp = (PerpetualPosition) p;
                double k = st / s0;
                held.add(new PerpetualPosition(
                        pp.id(),
                        pp.underlying(),
                        pp.settlement(),
                        pp.isLinear() ? pp.size() : pp.size() * k,
                        pp.entryPrice() * k,
                        pp.isLinear() ? pp.margin() * k : pp.margin(),
                        pp.maintenanceMarginRate(),
                        pp.funding(),
                        pp.fundingIntervalHours()));
            }
        }
        return market.withPositions(held);
    }

    /** {@code book}'s market on day t: that day's closes and vol forecasts, asOf at its 00:00 UTC, no positions. */
    private static Book marketOn(Book book, PriceHistory history, int[] col, VolPath vols, int t) {
        List<Underlying> unds = new ArrayList<>();
        List<Underlying> base = book.market().underlyings();
        for (int u = 0; u < base.size(); u++) {
            Underlying x = base.get(u);
            unds.add(new Underlying(x.name(), history.closes()[col[u]][t], vols.annualVol(u, t), 0.0));
        }
        MarketData m = book.market().withUnderlyings(unds);
        // no positions: the book of a later day values the earlier day's positions, some of which have expired
        return new Book(book.name(), book.quoteCurrency(), instant(history.date(t)), m, List.of());
    }

    private static Instant instant(LocalDate d) {
        return d.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /**
     * Each underlying's vol forecast by day, from data up to that day only: book vols, EWMA (λ), or GARCH refitted
     * every {@value #GARCH_REFIT_DAYS} days on the returns up to the refit day and filtered daily in between.
     */
    static final class VolPath {
        private final BacktestSpec.VolModel model;
        private final double[] bookVol;
        private final double[][] ewma;
        private final double[][] returns;
        private final Garch.Fit[][] fits;

        VolPath(BacktestSpec spec, double[][] returns, Book template, int lastDay) {
            this.model = spec.volModel();
            this.returns = returns;
            int nu = returns.length;
            bookVol = new double[nu];
            for (int u = 0; u < nu; u++) {
                bookVol[u] = template.market().underlyings().get(u).vol();
            }
            ewma = new double[nu][];
            fits = new Garch.Fit[nu][];
            if (model == BacktestSpec.VolModel.EWMA) {
                Ewma e = new Ewma(spec.lambda());
                for (int u = 0; u < nu; u++) {
                    ewma[u] = e.filter(returns[u]);
                }
            } else if (model == BacktestSpec.VolModel.GARCH) {
                for (int u = 0; u < nu; u++) {
                    fits[u] = new Garch.Fit[lastDay / GARCH_REFIT_DAYS + 1];
                }
            }
        }

        /** The variance forecast for day s's return (data up to day s), as seen on day t ≥ s (GARCH: t's fit). */
        double dailyVariance(int u, int s, int t) {
            switch (model) {
                case EWMA:
                    return ewma[u][s];
                case GARCH:
                    Garch.Fit f = fit(u, t);
                    // filtering from day 0 each time would be O(t²) over a walk; the fit's own recursion is cheap
                    return filtered(u, f, t)[s];
                default:
                    double v = bookVol[u];
                    return v * v / 365.0;
            }
        }

        double annualVol(int u, int t) {
            if (model == BacktestSpec.VolModel.BOOK) {
                return bookVol[u];
            }
            return Math.min(10.0, Math.sqrt(dailyVariance(u, t, t) * 365.0));
        }

        private int cachedU = -1;
        private int cachedT = -1;
        private double[] cachedH;

        private double[] filtered(int u, Garch.Fit f, int t) {
            if (u != cachedU || t != cachedT) {
                cachedH = f.filter(Arrays.copyOf(returns[u], t));
                cachedU = u;
                cachedT = t;
            }
            return cachedH;
        }

        private Garch.Fit fit(int u, int t) {
            int k = Math.min(t / GARCH_REFIT_DAYS, fits[u].length - 1);
            if (fits[u][k] == null) {
                int upTo = Math.max(Garch.MIN_RETURNS, k * GARCH_REFIT_DAYS);
                fits[u][k] = Garch.DEFAULT.fit(Arrays.copyOf(returns[u], Math.min(upTo, returns[u].length)));
            }
            return fits[u][k];
        }
    }
}
