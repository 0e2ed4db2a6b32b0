package io.vaultrisk.montecarlo.history;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Reads and checks a daily history CSV: header {@code date,BTC,ETH,...}, optionally {@code BTC_high,BTC_low} columns
 * beside a close; one row per calendar day in ascending ISO dates; prices in the quote currency. A file ending in
 * {@code .gz} is read through gzip.
 *
 * <p>Refused, naming the line: a gap or a repeated/unsorted date, an empty, non-numeric, zero or negative price, a
 * high below the close or a low above it, and a close-to-close move by a factor over {@value #MAX_DAILY_FACTOR} either
 * way (the worst real daily moves of BTC and ETH are about −40%/−45%, a factor of 1.8; a factor of 5 is a unit or
 * decimal error, not a market).
 */
public final class HistoryCsv {
    public static final HistoryCsv DEFAULT = new HistoryCsv();
    public static final double MAX_DAILY_FACTOR = 5.0;
    public static final int MIN_DAYS = 2;

    private HistoryCsv() {}

    public PriceHistory read(Path file) {
        try (InputStream raw = Files.newInputStream(file)) {
            InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
            return read(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    public PriceHistory parse(String csv) {
        try {
            return read(new StringReader(csv));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private PriceHistory read(Reader source) throws IOException {
        BufferedReader in = new BufferedReader(source);
        String header = in.readLine();
        if (header == null || header.isBlank()) {
            throw new HistoryFormatException(1, "date", "the file is empty (expected a header date,BTC,ETH,...)");
        }
        String[] cols = header.strip().split(",", -1);
        if (!cols[0].strip().equals("date")) {
            throw new HistoryFormatException(1, "date", "the first column must be 'date', got '" + cols[0] + "'");
        }
        List<String> names = new ArrayList<>();
        for (int c = 1; c < cols.length; c++) {
            String n = cols[c].strip();
            if (!n.endsWith("_high") && !n.endsWith("_low")) {
                if (n.isEmpty() || names.contains(n)) {
                    throw new HistoryFormatException(1, n, "empty or repeated column name");
                }
                names.add(n);
            }
        }
        if (names.isEmpty()) {
            throw new HistoryFormatException(1, "date", "no price column after 'date'");
        }
        int[] closeCol = new int[names.size()];
        int[] highCol = new int[names.size()];
        int[] lowCol = new int[names.size()];
        for (int u = 0; u < names.size(); u++) {
            closeCol[u] = indexOf(cols, names.get(u));
            highCol[u] = indexOf(cols, names.get(u) + "_high");
            lowCol[u] = indexOf(cols, names.get(u) + "_low");
            if ((highCol[u] < 0) != (lowCol[u] < 0)) {
                throw new HistoryFormatException(
                        1, names.get(u) + (highCol[u] < 0 ? "_high" : "_low"), "high and low come together");
            }
        }
        for (int c = 1; c < cols.length; c++) {
            String n = cols[c].strip();
            String base = n.endsWith("_high")
                    ? n.substring(0, n.length() - 5)
                    : n.endsWith("_low") ? n.substring(0, n.length() - 4) : n;
            if (!names.contains(base)) {
                throw new HistoryFormatException(1, n, "a high/low column without its close column '" + base + "'");
            }
        }
        List<double[]> close = new ArrayList<>();
        List<double[]> high = new ArrayList<>();
        List<double[]> low = new ArrayList<>();
        LocalDate start = null;
        LocalDate previous = null;
        double[] previousClose = null;
        int lineNo = 1;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.strip().split(",", -1);
            if (f.length != cols.length) {
                throw new HistoryFormatException(
                        lineNo, "date", "has " + f.length + " fields, the header " + cols.length);
            }
            LocalDate d;
            try {
                d = LocalDate.parse(f[0].strip());
            } catch (DateTimeParseException e) {
                throw new HistoryFormatException(lineNo, "date", "not an ISO date (YYYY-MM-DD): '" + f[0] + "'");
            }
            if (previous != null && !d.equals(previous.plusDays(1))) {
                throw new HistoryFormatException(
                        lineNo,
                        "date",
                        d.isAfter(previous)
                                ? "gap: " + d + " follows " + previous + " (one row per calendar day)"
                                : d + " does not follow " + previous + " (dates must ascend, one row per day)");
            }
            if (start == null) {
                start = d;
            }
            double[] c = new double[names.size()];
            double[] h = new double[names.size()];
            double[] l = new double[names.size()];
            for (int u = 0; u < names.size(); u++) {
                String n = names.get(u);
                c[u] = price(f[closeCol[u]], lineNo, n);
                h[u] = highCol[u] < 0 ? Double.NaN : price(f[highCol[u]], lineNo, n + "_high");
                l[u] = lowCol[u] < 0 ? Double.NaN : price(f[lowCol[u]], lineNo, n + "_low");
                if (highCol[u] >= 0 && !(l[u] <= c[u] && c[u] <= h[u])) {
                    throw new HistoryFormatException(
                            lineNo, n, "close " + c[u] + " outside its low/high [" + l[u] + ", " + h[u] + "]");
                }
                if (previousClose != null) {
                    double factor = c[u] / previousClose[u];
                    if (factor > MAX_DAILY_FACTOR || factor < 1 / MAX_DAILY_FACTOR) {
                        throw new HistoryFormatException(
                                lineNo,
                                n,
                                "close " + c[u] + " after " + previousClose[u] + " is a move by a factor of "
                                        + String.format("%.3g", factor) + " in one day (a unit or data error)");
                    }
                }
            }
            close.add(c);
            high.add(h);
            low.add(l);
            previous = d;
            previousClose = c;
        }
        if (close.size() < MIN_DAYS) {
            throw new HistoryFormatException(
                    lineNo, "date", "needs at least " + MIN_DAYS + " days, got " + close.size());
        }
        return new PriceHistory(start, names, transpose(close), transpose(high), transpose(low));
    }

    private static int indexOf(String[] cols, String name) {
        for (int c = 0; c < cols.length; c++) {
            if (cols[c].strip().equals(name)) {
                return c;
            }
        }
        return -1;
    }

    private static double price(String text, int line, String field) {
        double v;
        try {
            v = Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            throw new HistoryFormatException(line, field, "not a number: '" + text + "'");
        }
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new HistoryFormatException(line, field, "must be a positive price, got " + text.strip());
        }
        return v;
    }

    private static double[][] transpose(List<double[]> rows) {
        int n = rows.get(0).length;
        double[][] out = new double[n][rows.size()];
        for (int t = 0; t < rows.size(); t++) {
            for (int u = 0; u < n; u++) {
                out[u][t] = rows.get(t)[u];
            }
        }
        return out;
    }
}
