package io.vaultrisk.surface;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Fits a chain: implied vols of every quote, weighted least squares within the bid–ask, arbitrage check.
 * <p>
 * At each strike the out-of-the-money option is used (puts below the forward, calls at or above it): it carries the
 * time value, where the in-the-money one adds intrinsic value that only widens the spread in vol terms. The market vol
 * is that of the mid; residuals are in total variance with weight {@code 1/h²}, {@code h} the half spread in total
 * variance ({@code T(σ_ask² - σ_bid²)/2}, at least a quarter vol point), so each quote counts in proportion to how
 * precisely the market knows it. Quotes whose mid has no implied vol and expiries with too few quotes are skipped with a
 * reason, like bad rows.
 */
public final class SurfaceCalibrator {

    /** The default calibrator. */
    public static final SurfaceCalibrator DEFAULT = new SurfaceCalibrator();

    private static final double MIN_HALF_SPREAD_VOL = 0.0025;

    private SurfaceCalibrator() {}

    public SurfaceCalibration calibrate(OptionChain chain, SurfaceModel model) {
        List<SkippedQuote> skipped = new ArrayList<>(chain.skipped());
        Map<Instant, List<OptionQuote>> byExpiry = new TreeMap<>();
        for (OptionQuote q : chain.quotes()) {
            byExpiry.computeIfAbsent(q.expiry(), e -> new ArrayList<>()).add(q);
        }
        List<Instant> expiries = new ArrayList<>();
        List<Double> forwards = new ArrayList<>();
        List<List<FittedPoint>> pointsByExpiry = new ArrayList<>();
        List<SmileData> smiles = new ArrayList<>();
        for (Map.Entry<Instant, List<OptionQuote>> e : byExpiry.entrySet()) {
            double t = chain.timeTo(e.getKey());
            double forward = median(
                    e.getValue().stream().mapToDouble(OptionQuote::forward).toArray());
            List<FittedPoint> points = new ArrayList<>();
            List<double[]> rows = new ArrayList<>();
            for (OptionQuote q : e.getValue()) {
                PutCall otm = q.strike() >= forward ? PutCall.CALL : PutCall.PUT;
                if (q.putCall() != otm) {
                    skipped.add(new SkippedQuote(
                            q.instrument(),
                            "in the money: the " + otm.name().toLowerCase(Locale.ROOT) + " at this strike is used"));
                    continue;
                }
                ImpliedVolatility iv = ImpliedVolatility.DEFAULT;
                double mid = iv.blackVolOrNaN(q.usd(q.mid()), forward, q.strike(), t, q.putCall());
                if (!(mid > 0.0)) {
                    skipped.add(new SkippedQuote(
                            q.instrument(),
                            String.format(
                                    Locale.ROOT,
                                    "mid price %s has no implied volatility (at or below intrinsic, or at or above the bound)",
                                    q.mid())));
                    continue;
                }
                double bid = iv.blackVolOrNaN(q.usd(q.bid()), forward, q.strike(), t, q.putCall());
                double ask = iv.blackVolOrNaN(q.usd(q.ask()), forward, q.strike(), t, q.putCall());
                double lo = Double.isNaN(bid) ? 0.0 : bid;
                double hi = Double.isNaN(ask) ? 2.0 * mid - lo : ask;
                double half = Math.max(0.5 * t * (hi * hi - lo * lo), 2.0 * t * mid * MIN_HALF_SPREAD_VOL);
                double k = Math.log(q.strike() / forward);
                rows.add(new double[] {k, mid * mid * t, 1.0 / (half * half)});
                points.add(new FittedPoint(
                        q.instrument(),
                        q.expiry(),
                        t,
                        q.strike(),
                        k,
                        q.putCall(),
                        mid,
                        Double.isNaN(bid) ? 0.0 : bid,
                        ask,
                        Double.NaN));
            }
            if (rows.size() < model.minimumQuotes()) {
                for (FittedPoint p : points) {
                    skipped.add(new SkippedQuote(
                            p.instrument(),
                            "expiry " + e.getKey() + " has only " + rows.size() + " usable quotes; " + model.id()
                                    + " needs " + model.minimumQuotes()));
                }
                continue;
            }
            double[] k = rows.stream().mapToDouble(r -> r[0]).toArray();
            double[] w = rows.stream().mapToDouble(r -> r[1]).toArray();
            double[] weight = rows.stream().mapToDouble(r -> r[2]).toArray();
            smiles.add(SmileData.of(t, k, w, weight));
            expiries.add(e.getKey());
            forwards.add(forward);
            pointsByExpiry.add(points);
        }
        if (smiles.isEmpty()) {
            throw new IllegalArgumentException("no expiry has enough usable quotes to fit " + model.id() + " ("
                    + chain.quotes().size() + " usable rows, " + skipped.size() + " skipped)");
        }
        List<SmileSlice> slices = new ArrayList<>();
        List<Map<String, Double>> params = new ArrayList<>();
        if (model == SurfaceModel.SVI) {
            for (int i = 0; i < smiles.size(); i++) {
                SviParameters p = SviFitter.DEFAULT.fit(smiles.get(i));
                slices.add(SmileSlice.of(expiries.get(i), smiles.get(i).expiry(), forwards.get(i), p));
                params.add(sviParams(p));
            }
        } else {
            SsviFit fit = SsviFitter.DEFAULT.fit(smiles);
            for (int i = 0; i < smiles.size(); i++) {
                SviParameters p = fit.slice(i);
                slices.add(SmileSlice.of(expiries.get(i), smiles.get(i).expiry(), forwards.get(i), p));
                Map<String, Double> m = new LinkedHashMap<>();
                m.put("theta", fit.thetas().get(i));
                m.put("rho", fit.parameters().rho());
                m.put("eta", fit.parameters().eta());
                m.put("gamma", fit.parameters().gamma());
                m.put("phi", fit.parameters().phi(fit.thetas().get(i)));
                for (Map.Entry<String, Double> raw : sviParams(p).entrySet()) {
                    m.put("svi_" + raw.getKey(), raw.getValue());
                }
                params.add(m);
            }
        }
        VolSurface surface = VolSurface.of(model.id(), slices);
        List<ExpiryFit> fits = new ArrayList<>();
        List<FittedPoint> allPoints = new ArrayList<>();
        for (int i = 0; i < slices.size(); i++) {
            SmileSlice slice = slices.get(i);
            double sum = 0.0;
            int inside = 0;
            for (FittedPoint p : pointsByExpiry.get(i)) {
                double fitted = slice.vol(p.logMoneyness());
                sum += (fitted - p.marketVol()) * (fitted - p.marketVol());
                if (fitted >= p.bidVol() && (Double.isNaN(p.askVol()) || fitted <= p.askVol())) {
                    inside++;
                }
                allPoints.add(new FittedPoint(
                        p.instrument(),
                        p.expiry(),
                        p.timeToExpiry(),
                        p.strike(),
                        p.logMoneyness(),
                        p.putCall(),
                        p.marketVol(),
                        p.bidVol(),
                        p.askVol(),
                        fitted));
            }
            int n = pointsByExpiry.get(i).size();
            fits.add(new ExpiryFit(
                    slice.expiry(),
                    slice.timeToExpiry(),
                    slice.forward(),
                    params.get(i),
                    100.0 * Math.sqrt(sum / n),
                    n,
                    inside));
        }
        return new SurfaceCalibration(
                model, chain.asOf(), surface, fits, allPoints, skipped, ArbitrageChecker.DEFAULT.check(surface));
    }

    private static Map<String, Double> sviParams(SviParameters p) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("a", p.a());
        m.put("b", p.b());
        m.put("rho", p.rho());
        m.put("m", p.m());
        m.put("sigma", p.sigma());
        return m;
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
    }
}
