package io.vaultrisk.montecarlo.risk;

import io.vaultrisk.basics.BlackScholes;
import io.vaultrisk.basics.Greeks;
import io.vaultrisk.montecarlo.analytic.ClosedForms;
import io.vaultrisk.montecarlo.book.Book;
import io.vaultrisk.montecarlo.book.OptionPosition;
import io.vaultrisk.montecarlo.book.PerpetualPosition;
import io.vaultrisk.montecarlo.book.Position;
import io.vaultrisk.montecarlo.book.SpotPosition;
import io.vaultrisk.montecarlo.book.Underlying;
import io.vaultrisk.montecarlo.instrument.EuropeanOption;
import io.vaultrisk.montecarlo.instrument.Settlement;
import io.vaultrisk.montecarlo.model.GbmModel;

/**
 * Quote-currency values of positions by closed forms. Options: Black–Scholes at the remaining expiry; an inverse
 * option's quote value is its coin value times spot, which equals the linear value (see {@link BlackScholes}), so
 * one formula serves both. Perpetuals: equity, or zero when the spot is past the liquidation price.
 */
public final class PositionValuer {
    public static final PositionValuer DEFAULT = new PositionValuer();

    private PositionValuer() {}

    /** Value now, at the book's spots. */
    public double value(Book book, Position p) {
        Underlying x = book.market().underlying(p.underlying());
        return valueShocked(book, p, x.spot(), 1.0);
    }

    /**
     * Value now with the underlying's spot replaced by {@code spot} and vols multiplied by {@code volFactor} (an
     * instantaneous shock: no time passes).
     */
    public double valueShocked(Book book, Position p, double spot, double volFactor) {
        if (p instanceof SpotPosition s) {
            return s.quantity() * spot;
        }
        if (p instanceof OptionPosition o) {
            double tau = book.yearsTo(o.expiry());
            double vol = markVol(book, o, tau, spot) * volFactor;
            return optionValue(o, spot, tau, book.market().rate(), vol);
        }
        PerpetualPosition pp = (PerpetualPosition) p;
        return PerpetualMath.isLiquidated(pp, spot) ? 0.0 : PerpetualMath.valueQuote(pp, spot);
    }

    /** Value now under a relative 30-day vol shock scaled to the option's tenor by {@link TenorVolShock#EXCHANGE}. */
    public double valueTenorShocked(Book book, Position p, double spot, double volShock) {
        if (p instanceof OptionPosition o) {
            double days = book.yearsTo(o.expiry()) * 365.0;
            return valueShocked(book, p, spot, TenorVolShock.EXCHANGE.factor(volShock, days));
        }
        return valueShocked(book, p, spot, 1.0);
    }

    /** The vol an option is marked at now with {@code tau} years left and the spot at {@code spot}. */
    static double markVol(Book book, OptionPosition o, double tau, double spot) {
        if (!Double.isNaN(o.vol())) {
            return o.vol();
        }
        Underlying x = book.market().underlying(o.underlying());
        return tau > 0 ? x.markVol(tau, o.strike(), spot, book.market().rate(), 0.0) : x.vol();
    }

    /** Option value in the quote currency with {@code tau} years left; intrinsic at or after expiry. */
    public static double optionValue(OptionPosition o, double spot, double tau, double rate, double vol) {
        if (tau <= 0) {
            return o.quantity() * intrinsic(o, spot);
        }
        return o.quantity() * BlackScholes.price(o.optionType(), spot, o.strike(), tau, rate, vol);
    }

    static double intrinsic(OptionPosition o, double spot) {
        return o.optionType().intrinsic(spot, o.strike());
    }

    /** Greeks now of a position in the quote currency: delta (coins), gamma (coins per quote unit), vega (per 1.00 vol). */
    public Greeks greeks(Book book, Position p) {
        Underlying x = book.market().underlying(p.underlying());
        if (p instanceof SpotPosition s) {
            return new Greeks(s.quantity() * x.spot(), s.quantity(), 0, 0, 0, 0);
        }
        if (p instanceof OptionPosition o) {
            // The same product and pricer as `price`: a position is a quantity of a dated European option. Quote
            // greeks of an inverse option are those of the linear one (its quote value is the linear value).
            EuropeanOption linear = o.optionAt(book.asOf()).withSettlement(Settlement.LINEAR);
            Greeks g = ClosedForms.greeks(
                    linear,
                    GbmModel.of(markVol(book, o, linear.expiry(), x.spot())),
                    book.market().market(o.underlying()));
            double q = o.quantity();
            return new Greeks(q * g.price(), q * g.delta(), q * g.gamma(), q * g.vega(), q * g.rho(), q * g.theta());
        }
        PerpetualPosition pp = (PerpetualPosition) p;
        return new Greeks(PerpetualMath.valueQuote(pp, x.spot()), PerpetualMath.deltaCoins(pp), 0, 0, 0, 0);
    }

    /**
     * Second-order vol greeks now of a position, per 1.00 of vol (zero for spot and perpetuals): vanna = ∂²V/∂S∂σ
     * = −q·φ(d₁)·d₂/σ and volga = ∂²V/∂σ² = q·vega·d₁d₂/σ (Black–Scholes at the option's marked vol).
     */
    public double[] vannaVolga(Book book, Position p) {
        if (!(p instanceof OptionPosition o)) {
            return new double[2];
        }
        double s = book.market().underlying(o.underlying()).spot(), tau = book.yearsTo(o.expiry());
        if (!(tau > 0)) {
            return new double[2];
        }
        double vol = markVol(book, o, tau, s),
                sd = vol * Math.sqrt(tau),
                r = book.market().rate();
        double d1 = (Math.log(s / o.strike()) + r * tau) / sd + 0.5 * sd, d2 = d1 - sd;
        double vega = s * io.vaultrisk.basics.Normal.pdf(d1) * Math.sqrt(tau);
        double q = o.quantity();
        return new double[] {-q * io.vaultrisk.basics.Normal.pdf(d1) * d2 / vol, q * vega * d1 * d2 / vol};
    }
}
