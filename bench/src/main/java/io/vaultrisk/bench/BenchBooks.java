package io.vaultrisk.bench;

import io.vaultrisk.basics.OptionType;
import io.vaultrisk.montecarlo.book.Book;
import io.vaultrisk.montecarlo.book.FundingModel;
import io.vaultrisk.montecarlo.book.MarketData;
import io.vaultrisk.montecarlo.book.OptionPosition;
import io.vaultrisk.montecarlo.book.PerpetualPosition;
import io.vaultrisk.montecarlo.book.Position;
import io.vaultrisk.montecarlo.book.SpotPosition;
import io.vaultrisk.montecarlo.book.Underlying;
import io.vaultrisk.montecarlo.instrument.Settlement;
import io.vaultrisk.montecarlo.stress.Scenario;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmark book: 1,000 positions on 5 underlyings (per underlying 3 spot holdings, 5 perpetuals and 192
 * options: calls and puts, bought and written, linear and inverse, expiries from 2 days to 6 months, so some
 * expire inside the 7-day horizon), deterministic so every run values the same book.
 */
public final class BenchBooks {
    public static final Instant AS_OF = Instant.parse("2026-11-25T08:00:00Z");
    private static final String[] NAMES = {"BTC", "ETH", "SOL", "BNB", "XRP"};
    private static final double[] SPOTS = {91250, 3020, 140, 620, 2.2};
    private static final double[] VOLS = {0.55, 0.72, 0.95, 0.6, 0.9};
    private static final int[] EXPIRY_DAYS = {2, 5, 9, 16, 30, 44, 65, 93, 121, 184};

    private BenchBooks() {}

    public static Book thousandPositions() {
        return thousandPositions(false);
    }

    /**
     * The same book with issue 13's features on: every underlying carries an SSVI surface (ρ −0.3, η 1.0, γ 0.45,
     * flat ATM term structure at its vol) and vol dynamics (ψ 1.5, κ 5, ρ −0.5), and every option is marked on the
     * surface at its own strike and expiry (no per-position vols).
     */
    public static Book thousandPositionsWithVolDynamics() {
        return thousandPositions(true);
    }

    private static Book thousandPositions(boolean surfaces) {
        List<Underlying> us = new ArrayList<>();
        for (int i = 0; i < NAMES.length; i++) {
            if (!surfaces) {
                us.add(Underlying.of(NAMES[i], SPOTS[i], VOLS[i], 0.0));
                continue;
            }
            io.vaultrisk.surface.SsviParameters ssvi = io.vaultrisk.surface.SsviParameters.of(-0.3, 1.0, 0.45);
            List<io.vaultrisk.surface.SmileSlice> slices = new ArrayList<>();
            for (int days : new int[] {7, 30, 90, 184}) {
                double t = days / 365.0;
                slices.add(io.vaultrisk.surface.SmileSlice.of(
                        AS_OF.plus(Duration.ofDays(days)), t, SPOTS[i], ssvi.slice(VOLS[i] * VOLS[i] * t)));
            }
            us.add(new Underlying(
                    NAMES[i],
                    SPOTS[i],
                    VOLS[i],
                    0.0,
                    null,
                    io.vaultrisk.montecarlo.book.ImpliedVolSurface.of(
                            io.vaultrisk.surface.VolSurface.of("ssvi", slices), ssvi, "bench ssvi"),
                    io.vaultrisk.montecarlo.book.VolDynamics.of(1.5, 5, -0.5)));
        }
        double[][] c = new double[5][5];
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 5; j++) {
                c[i][j] = i == j ? 1.0 : (i == 0 || j == 0) ? 0.75 : 0.6;
            }
        }
        List<Position> ps = new ArrayList<>();
        for (int u = 0; u < 5; u++) {
            String n = NAMES[u];
            double s = SPOTS[u], unit = 100_000 / s; // about 100k USD of notional per position
            for (int k = 0; k < 3; k++) {
                ps.add(SpotPosition.of(n + "-spot-" + k, n, unit * (k + 1)));
            }
            for (int k = 0; k < 5; k++) {
                boolean linear = k % 2 == 0, isLong = k == 1 || k == 4;
                double lev = 3 + k;
                if (linear) {
                    double size = (isLong ? 1 : -1) * unit;
                    ps.add(new PerpetualPosition(
                            n + "-perp-" + k,
                            n,
                            Settlement.LINEAR,
                            size,
                            s * (1 + 0.01 * (k - 2)),
                            unit * s / lev,
                            0.005,
                            FundingModel.spotLinked(0.0001, 0.002, 0.0075),
                            8));
                } else {
                    double contracts = (isLong ? 1 : -1) * 100_000;
                    ps.add(new PerpetualPosition(
                            n + "-perp-" + k,
                            n,
                            Settlement.INVERSE,
                            contracts,
                            s,
                            unit / lev,
                            0.005,
                            FundingModel.constant(0.0001),
                            8));
                }
            }
            for (int k = 0; k < 192; k++) {
                OptionType type = k % 2 == 0 ? OptionType.CALL : OptionType.PUT;
                int days = EXPIRY_DAYS[k % EXPIRY_DAYS.length];
                double moneyness = 0.7 + 0.05 * ((k / 2) % 13); // 0.70 .. 1.30
                double qty = (k % 3 == 0 ? 1 : -1) * unit * 0.2 * (1 + (k % 5));
                ps.add(new OptionPosition(
                        n + "-opt-" + k,
                        n,
                        type,
                        round(s * moneyness),
                        AS_OF.plus(Duration.ofDays(days)),
                        k % 4 == 0 ? Settlement.INVERSE : Settlement.LINEAR,
                        qty,
                        surfaces ? Double.NaN : VOLS[u] * (1 + 0.1 * Math.abs(moneyness - 1))));
            }
        }
        return Book.of("bench-1000", AS_OF, MarketData.of(0.03, us, c), ps);
    }

    /** 50 hypothetical joint scenarios: every underlying moves by its own deterministic return, vols shocked. */
    public static List<Scenario> fiftyScenarios() {
        List<Scenario> out = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            Map<String, Double> r = new LinkedHashMap<>();
            for (int u = 0; u < NAMES.length; u++) {
                r.put(NAMES[u], -0.6 + 1.2 * (((i * 7 + u * 13) % 50) / 49.0) * (u == 0 ? 0.8 : 1.0));
            }
            out.add(new Scenario(
                    "s" + i, "scenario " + i, null, "hypothetical", r, 0.5 * ((i % 5) - 1) / 2.0, List.of()));
        }
        return out;
    }

    private static double round(double x) {
        double scale = Math.pow(10, Math.floor(Math.log10(x)) - 2);
        return Math.rint(x / scale) * scale;
    }
}
