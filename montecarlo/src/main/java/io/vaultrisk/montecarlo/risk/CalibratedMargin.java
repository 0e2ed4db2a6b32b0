package io.vaultrisk.montecarlo.risk;

import io.vaultrisk.basics.YearFraction;
import io.vaultrisk.montecarlo.book.Book;
import io.vaultrisk.montecarlo.book.OptionPosition;
import io.vaultrisk.montecarlo.book.Position;
import java.util.Locale;

/**
 * Initial margin from three reported parts (quote currency):
 *
 * <ol>
 *   <li>ES at the stated confidence of the simulated loss over the margin period of risk (the time to close out a
 *       defaulted vault);
 *   <li>the worst loss of the {@link VolScaledRiskMatrix} over the same period: per-underlying spot moves up to
 *       ±4 sd, spreads of correlated pairs, tenor-scaled vol shocks −30%, 0, +50% (at 30 days);
 *   <li>a short-option charge: {@code shortOptionRate} × spot per written coin, for what neither sees (a gap beyond
 *       the grid, the cost of buying back written options in a stressed market), as SPAN's short-option minimum.
 * </ol>
 * initial = max(ES, matrix) + short-option charge. ES and the matrix are two measures of the same spot and vol risk,
 * so they are not added (that would count it twice); the charge is an add-on. maintenance = a stated fraction of
 * initial (docs/risk.md gives the reason for 80%).
 */
final class CalibratedMargin {
    static final double[] VOL_SHOCKS = {-0.30, 0.0, 0.50};

    private CalibratedMargin() {}

    static RiskReport.MarginReport of(Book book, MarginMethod method, TailMeasures esOverPeriod, int periodDays) {
        double es = Math.max(0.0, esOverPeriod.es());
        VolScaledRiskMatrix matrix = VolScaledRiskMatrix.of(book, periodDays * YearFraction.DAY, VOL_SHOCKS);
        int[] w = matrix.worstCell();
        double rm = matrix.worstLoss();
        double charge = shortOptionCharge(book, method.shortOptionRate());
        double initial = Math.max(es, rm) + charge;
        double[] isolated = PerpetualMargins.of(book);
        VolScaledRiskMatrix.Move worst = matrix.moves().get(w[0]);
        return new RiskReport.MarginReport(
                es,
                rm,
                "per-underlying log-spot moves of -4..+4 sd over " + periodDays
                        + " day(s), spreads of correlated pairs, vol -30%, 0, +50% at 30 days scaled to tenor as "
                        + TenorVolShock.EXCHANGE.describe() + " (instant)",
                Double.NaN,
                matrix.volShocks()[w[1]],
                initial,
                method.maintenanceFraction() * initial,
                method.maintenanceFraction(),
                isolated[0],
                isolated[1],
                String.format(
                        Locale.ROOT,
                        "initial = max(ES %.4g over a %d-day margin period of risk, vol-scaled risk-matrix worst loss) "
                                + "+ short-option charge (%.4g x spot per written coin); maintenance = %.0f%% of initial; "
                                + "perpetuals' isolated margins are posted on their venues and reported separately",
                        method.confidence(),
                        periodDays,
                        method.shortOptionRate(),
                        100 * method.maintenanceFraction()),
                new RiskReport.CalibratedParts(
                        periodDays,
                        method.confidence(),
                        es,
                        rm,
                        worst.label(),
                        charge,
                        Math.max(es, rm),
                        TenorVolShock.EXCHANGE.describe(),
                        "calibrated"));
    }

    /** rate × spot × |quantity| summed over written options (quote currency). */
    static double shortOptionCharge(Book book, double rate) {
        double c = 0;
        for (Position p : book.positions()) {
            if (p instanceof OptionPosition o && o.quantity() < 0) {
                c += rate
                        * -o.quantity()
                        * book.market().underlying(o.underlying()).spot();
            }
        }
        return c;
    }
}
