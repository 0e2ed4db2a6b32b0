package io.vaultrisk.montecarlo.history;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/**
 * Daily closes of several underlyings on consecutive calendar days (crypto trades every day, so a missing day is a
 * gap, never a weekend), in one quote currency. High and low are NaN where the source has none.
 *
 * @param closes {@code closes[u][t]}, underlying {@code u} in {@link #names()} order, day {@code t} from {@link #start()}
 */
public record PriceHistory(LocalDate start, List<String> names, double[][] closes, double[][] highs, double[][] lows) {
    public PriceHistory {
        names = List.copyOf(names);
        if (closes.length != names.size() || highs.length != names.size() || lows.length != names.size()) {
            throw new IllegalArgumentException("one close, high and low series per name");
        }
    }

    public int days() {
        return closes.length == 0 ? 0 : closes[0].length;
    }

    public LocalDate date(int t) {
        return start.plusDays(t);
    }

    public LocalDate end() {
        return date(days() - 1);
    }

    /** The day index of {@code d}, or -1 when it lies outside the history. */
    public int indexOf(LocalDate d) {
        long i = d.toEpochDay() - start.toEpochDay();
        return i < 0 || i >= days() ? -1 : (int) i;
    }

    public int column(String name) {
        return names.indexOf(name);
    }

    public double close(String name, int t) {
        return closes[requireColumn(name)][t];
    }

    /** Log returns of {@code name}: {@code r[t] = ln(S[t+1]/S[t])}, one fewer than the days. */
    public double[] logReturns(String name) {
        double[] c = closes[requireColumn(name)];
        double[] r = new double[c.length - 1];
        for (int t = 0; t < r.length; t++) {
            r[t] = Math.log(c[t + 1] / c[t]);
        }
        return r;
    }

    public boolean hasRange(String name) {
        int u = requireColumn(name);
        return Arrays.stream(highs[u]).noneMatch(Double::isNaN);
    }

    private int requireColumn(String name) {
        int u = names.indexOf(name);
        if (u < 0) {
            throw new HistoryFormatException(0, name, "no such column in the history (has " + names + ")");
        }
        return u;
    }
}
