package io.vaultrisk.montecarlo.backtest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vaultrisk.montecarlo.book.Book;
import io.vaultrisk.montecarlo.book.Underlying;
import io.vaultrisk.montecarlo.history.PriceHistory;
import io.vaultrisk.montecarlo.risk.TailMeasures;
import io.vaultrisk.montecarlo.vol.Ewma;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Filtered historical simulation (FHS): every past day's joint vector of standardised returns z = r/σ (σ the vol
 * model's forecast for that day, from data up to it) is a scenario, rescaled by today's forecast, so fat tails and the
 * correlations of crashes come from the data. One-day scenarios are the past days themselves; an h-day scenario adds
 * h vectors drawn at random (seeded by the seed and the day). Positions are revalued exactly at the scenario spots
 * h days on, implied vols frozen. Used by the backtest (day by day) and by {@code risk --method fhs} (on the book's
 * date).
 */
public final class FilteredHistoricalSimulation {
    private FilteredHistoricalSimulation() {}

    /** VaR and ES at one confidence. */
    public record Level(double confidence, double var, double es) {}

    /** One horizon: its scenario count and levels. */
    public record Horizon(int days, int scenarios, List<Level> levels) {}

    /**
     * FHS risk of a book on its own date: {@code volModel} and {@code lambda} as in {@link BacktestSpec}, the
     * standardised returns of the history up to the book's date, σ per underlying today (annualised).
     */
    public record Report(
            String book,
            String quoteCurrency,
            LocalDate date,
            String volModel,
            double bookValue,
            List<String> underlyings,
            double[] annualVol,
            List<Horizon> horizons,
            List<String> notes) {}

    /**
     * The book's FHS VaR/ES on its {@code asOf} date, which must be a day of the history with at least
     * {@link BacktestEngine#MIN_HISTORY_DAYS} days before it. {@code spec} gives the vol model (ewma or garch), λ,
     * the number of h-day scenarios ({@code paths}) and the seed; its horizon and confidence are not used.
     */
    public static Report run(
            Book book, PriceHistory history, BacktestSpec spec, int[] horizonDays, double[] confidences) {
        if (spec.volModel() == BacktestSpec.VolModel.BOOK) {
            throw new InvalidBacktestException(
                    "volModel", "fhs standardises returns by a vol forecast: use ewma or garch, not book");
        }
        LocalDate asOf = LocalDate.ofInstant(book.asOf(), ZoneOffset.UTC);
        int t = history.indexOf(asOf);
        if (t < 0) {
            throw new InvalidBacktestException(
                    "asOf",
                    "the book's date " + asOf + " is outside the history " + history.start() + ".." + history.end());
        }
        BacktestEngine.columns(book, history);
        BacktestEngine.requireHistoryBefore(history, asOf, t);
        List<Underlying> unds = book.market().underlyings();
        double[][] returns = new double[unds.size()][];
        List<String> names = new ArrayList<>();
        for (int u = 0; u < unds.size(); u++) {
            returns[u] = history.logReturns(unds.get(u).name());
            names.add(unds.get(u).name());
        }
        BacktestEngine.VolPath vols = new BacktestEngine.VolPath(spec, returns, book, t);
        double value = BacktestEngine.value(book, book.positions());
        List<Horizon> hs = new ArrayList<>();
        for (int h : horizonDays) {
            double[] losses = losses(book, value, h, spec.paths(), spec.seed(), returns, vols, t);
            List<Level> levels = new ArrayList<>();
            for (double c : confidences) {
                TailMeasures m = TailMeasures.of(losses, c);
                levels.add(new Level(c, m.var(), m.es()));
            }
            hs.add(new Horizon(h, losses.length, List.copyOf(levels)));
        }
        double[] annual = new double[unds.size()];
        for (int u = 0; u < annual.length; u++) {
            annual[u] = vols.annualVol(u, t);
        }
        return new Report(
                book.name(),
                book.quoteCurrency(),
                asOf,
                spec.volModel().name().toLowerCase(java.util.Locale.ROOT),
                value,
                List.copyOf(names),
                annual,
                List.copyOf(hs),
                List.of(
                        "filtered historical simulation: the history's standardised returns up to " + asOf
                                + " rescaled by today's "
                                + spec.volModel().name().toLowerCase(java.util.Locale.ROOT)
                                + " vol forecast, jointly across underlyings",
                        "positions revalued at the scenario spots with implied vols frozen (no vol dynamics, "
                                + "surfaces at today's level); perpetual funding and liquidation between days left out",
                        "the book's own vols, models and correlations are not used for the scenarios"));
    }

    /** The backtest's day-t VaR at {@code spec}'s confidence and horizon. */
    static double var(Book today, double value, BacktestSpec spec, double[][] r, BacktestEngine.VolPath vols, int t) {
        double[] losses = losses(today, value, spec.horizonDays(), spec.paths(), spec.seed(), r, vols, t);
        return TailMeasures.of(losses, spec.confidence()).var();
    }

    /** Sorted losses (value now − value h days on) over the FHS scenarios of day t. */
    static double[] losses(
            Book today, double value, int h, long paths, long seed, double[][] r, BacktestEngine.VolPath vols, int t) {
        int nu = r.length;
        int first = Ewma.SEED_DAYS;
        int count = t - first;
        double[][] z = new double[count][nu];
        for (int u = 0; u < nu; u++) { // underlying outermost: one GARCH filter per underlying and day
            for (int s = 0; s < count; s++) {
                z[s][u] = r[u][first + s] / Math.sqrt(vols.dailyVariance(u, first + s, t));
            }
        }
        double[] sigma = new double[nu];
        for (int u = 0; u < nu; u++) {
            sigma[u] = Math.sqrt(vols.dailyVariance(u, t, t));
        }
        int scenarios = h == 1 ? count : (int) Math.min(paths, Integer.MAX_VALUE);
        SplittableRandom rng = new SplittableRandom(seed * 1_000_003L + t);
        Instant later = today.asOf().plusSeconds(86_400L * h);
        double[] losses = new double[scenarios];
        double[] move = new double[nu];
        for (int k = 0; k < scenarios; k++) {
            Arrays.fill(move, 0);
            for (int d = 0; d < h; d++) {
                int s = h == 1 ? k : rng.nextInt(count);
                for (int u = 0; u < nu; u++) {
                    move[u] += z[s][u] * sigma[u];
                }
            }
            List<Underlying> shocked = new ArrayList<>(nu);
            for (int u = 0; u < nu; u++) {
                Underlying x = today.market().underlyings().get(u);
                shocked.add(x.withSpot(x.spot() * Math.exp(move[u])));
            }
            Book scenario = new Book(
                    today.name(), today.quoteCurrency(), later, today.market().withUnderlyings(shocked), List.of());
            losses[k] = value - BacktestEngine.value(scenario, today.positions());
        }
        Arrays.sort(losses);
        return losses;
    }

    /** The report as JSON ({@code risk --method fhs --json}). */
    public static ObjectNode toJson(Report r) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("method", "fhs");
        o.put("book", r.book());
        o.put("currency", r.quoteCurrency());
        o.put("date", r.date().toString());
        o.put("volModel", r.volModel());
        o.put("bookValue", r.bookValue());
        ObjectNode vol = o.putObject("annualVolForecast");
        for (int u = 0; u < r.underlyings().size(); u++) {
            vol.put(r.underlyings().get(u), r.annualVol()[u]);
        }
        ArrayNode hs = o.putArray("horizons");
        for (Horizon h : r.horizons()) {
            ObjectNode ho = hs.addObject().put("days", h.days()).put("scenarios", h.scenarios());
            ObjectNode levels = ho.putObject("levels");
            for (Level l : h.levels()) {
                levels.putObject(Double.toString(l.confidence()))
                        .put("var", l.var())
                        .put("es", l.es());
            }
        }
        ArrayNode notes = o.putArray("notes");
        r.notes().forEach(notes::add);
        return o;
    }
}
