package io.vaultrisk.surface;

import java.util.List;

/**
 * The result of an SSVI calibration: the global parameters and, for each smile in order of expiry, the fitted
 * at-the-money total variance θ (non-decreasing, so the surface is free of calendar arbitrage).
 *
 * @param parameters ρ, η, γ
 * @param expiries year fractions of the smiles, increasing
 * @param thetas at-the-money total variance of each smile, non-decreasing
 */
public record SsviFit(SsviParameters parameters, List<Double> expiries, List<Double> thetas) {

    public SsviFit {
        expiries = List.copyOf(expiries);
        thetas = List.copyOf(thetas);
        if (expiries.size() != thetas.size() || expiries.isEmpty()) {
            throw new IllegalArgumentException("SSVI fit needs one theta per expiry, got " + expiries.size()
                    + " expiries and " + thetas.size() + " thetas");
        }
    }

    /** The raw SVI form of smile i. */
    public SviParameters slice(int i) {
        return parameters.slice(thetas.get(i));
    }
}
