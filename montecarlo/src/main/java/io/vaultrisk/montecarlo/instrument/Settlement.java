package io.vaultrisk.montecarlo.instrument;

/**
 * How an option settles. LINEAR pays (S − K)⁺ in the quote currency (USD); INVERSE pays (S − K)⁺ / S in the coin,
 * as on crypto exchanges, and is valued in coin.
 */
public enum Settlement {
    LINEAR,
    INVERSE;

    public String valueCurrency() {
        return this == LINEAR ? "quote" : "coin";
    }
}
