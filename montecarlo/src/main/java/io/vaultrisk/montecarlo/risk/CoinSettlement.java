package io.vaultrisk.montecarlo.risk;

import io.vaultrisk.montecarlo.book.OptionPosition;
import io.vaultrisk.montecarlo.instrument.Settlement;

/**
 * The horizon value of an option that expired inside the horizon. A linear option paid its intrinsic value in the
 * quote currency at expiry, held as cash to the horizon. An inverse (coin-settled) option paid (Sₑ − K)⁺/Sₑ coins
 * (calls; (K − Sₑ)⁺/Sₑ for puts), which are worth S_h/Sₑ times the expiry intrinsic at the horizon: in a rally after
 * expiry the coins a written call delivered cost more (Sₑ = 1.1K, S_h = 1.2K: 0.1K·1.2/1.1 ≈ 0.109K, not 0.1K).
 */
final class CoinSettlement {
    private CoinSettlement() {}

    /** Quote-currency value at the horizon of the whole position, given the spots at expiry and at the horizon. */
    static double horizonValue(OptionPosition o, double expirySpot, double horizonSpot) {
        double cash = o.quantity() * PositionValuer.intrinsic(o, expirySpot);
        return o.settlement() == Settlement.INVERSE ? cash / expirySpot * horizonSpot : cash;
    }
}
