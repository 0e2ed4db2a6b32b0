package io.vaultrisk.montecarlo.risk;

import io.vaultrisk.montecarlo.book.Book;
import io.vaultrisk.montecarlo.book.PerpetualPosition;
import io.vaultrisk.montecarlo.book.Position;

/** The perpetuals' own margins, posted on their venues: isolated margin and exchange maintenance (quote currency). */
final class PerpetualMargins {
    private PerpetualMargins() {}

    /** {isolated margin, exchange maintenance}, in the quote currency at today's spots. */
    static double[] of(Book book) {
        double isolated = 0, perpMaint = 0;
        for (Position p : book.positions()) {
            if (p instanceof PerpetualPosition pp) {
                double s = book.market().underlying(pp.underlying()).spot();
                isolated += pp.isLinear() ? pp.margin() : pp.margin() * s;
                perpMaint += pp.isLinear()
                        ? pp.maintenanceMarginRate() * Math.abs(pp.size()) * s
                        : pp.maintenanceMarginRate() * Math.abs(pp.size());
            }
        }
        return new double[] {isolated, perpMaint};
    }
}
