package io.vaultrisk.montecarlo.analytic;

import io.vaultrisk.basics.BlackScholes;
import io.vaultrisk.basics.Greeks;
import io.vaultrisk.basics.OptionType;
import io.vaultrisk.montecarlo.instrument.EuropeanOption;
import io.vaultrisk.montecarlo.instrument.Settlement;
import io.vaultrisk.montecarlo.market.Market;
import io.vaultrisk.montecarlo.model.GbmModel;
import io.vaultrisk.montecarlo.model.HestonModel;
import io.vaultrisk.montecarlo.model.MertonModel;
import io.vaultrisk.montecarlo.model.PricingModel;

/**
 * The closed form (or semi-analytic form) of a European option under each model, with greeks: Black–Scholes,
 * Merton's series, Heston by Fourier (its greeks by central differences of the semi-analytic price, which is smooth
 * and accurate to about 1e-12). Inverse options follow from the linear ones by the quotient rule. Greeks a form does
 * not give are NaN.
 */
public final class ClosedForms {
    private ClosedForms() {}

    public static Greeks greeks(EuropeanOption option, PricingModel model, Market market) {
        Greeks linear;
        if (model instanceof GbmModel g) {
            linear = BlackScholes.linear(
                    option.type(), market.spot(), option.strike(), option.expiry(), market.rate(), g.vol());
        } else if (model instanceof MertonModel m) {
            linear = MertonFormula.greeks(
                    option.type(), market.spot(), option.strike(), option.expiry(), market.rate(), m);
        } else {
            linear = heston(
                    option.type(), market.spot(), option.strike(), option.expiry(), market.rate(), (HestonModel) model);
        }
        return option.settlement() == Settlement.INVERSE ? BlackScholes.inverse(linear, market.spot()) : linear;
    }

    private static Greeks heston(OptionType type, double s, double k, double t, double r, HestonModel m) {
        double h = 1e-3 * s, dr = 1e-5;
        double price = HestonFormula.price(type, s, k, t, r, 0, m);
        double up = HestonFormula.price(type, s + h, k, t, r, 0, m);
        double down = HestonFormula.price(type, s - h, k, t, r, 0, m);
        double rho =
                (HestonFormula.price(type, s, k, t, r + dr, 0, m) - HestonFormula.price(type, s, k, t, r - dr, 0, m))
                        / (2 * dr);
        return new Greeks(price, (up - down) / (2 * h), (up - 2 * price + down) / (h * h), Double.NaN, rho, Double.NaN);
    }
}
