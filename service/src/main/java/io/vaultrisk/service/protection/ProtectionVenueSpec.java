package io.vaultrisk.service.protection;

import io.vaultrisk.service.error.ProblemException;
import io.vaultrisk.service.vault.Vault;

/**
 * A vault's options venue ({@code PutSeller}) as its registration declares it: what the service asks for on a breach
 * and how far above its own price it lets the venue's quote be.
 *
 * @param venue the PutSeller's address (the vault's registered venue)
 * @param quoter the venue's quoter address, whose signature a quote must carry
 * @param sleeve the strategy (sleeve name) the puts protect; the venue sells puts on its token
 * @param asset the market-data name of the sleeve's underlying (spot and vol come from the service's feed for it)
 * @param token the sleeve's token (the quote's {@code asset})
 * @param tokenDecimals decimals of the token (the quote's amount is in its smallest unit)
 * @param stableDecimals decimals of the settlement stablecoin (strike and premium are in its smallest unit)
 * @param tenorDays the puts' time to expiry when the service asks
 * @param moneyness strike over spot, e.g. 0.9 for a 10% out-of-the-money put
 * @param coverage fraction of the sleeve's token balance the puts cover, in (0, 1]
 * @param tolerance how far the premium may exceed the service's own Black–Scholes price, e.g. 0.25 for 25%
 */
public record ProtectionVenueSpec(
        String venue,
        String quoter,
        String sleeve,
        String asset,
        String token,
        Integer tokenDecimals,
        Integer stableDecimals,
        Double tenorDays,
        Double moneyness,
        Double coverage,
        Double tolerance) {

    /** Validates every field against the vault (400 naming {@code protection.<field>}); addresses come back EIP-55. */
    public static ProtectionVenueSpec of(ProtectionVenueSpec s, Vault vault) {
        String p = "protection.";
        if (s == null) {
            throw ProblemException.badRequest("protection", "protection must be an object");
        }
        String venue = Vault.checksumAddress(p + "venue", s.venue());
        String quoter = Vault.checksumAddress(p + "quoter", s.quoter());
        String token = Vault.checksumAddress(p + "token", s.token());
        if (s.sleeve() == null || !vault.strategies().contains(s.sleeve())) {
            throw ProblemException.badRequest(
                    p + "sleeve", "sleeve must name one of the vault's strategies " + vault.strategies());
        }
        if (vault.strategies().indexOf(s.sleeve()) == 0) {
            throw ProblemException.badRequest(
                    p + "sleeve", "sleeve 0 is the stablecoin the puts settle in: protect a risky sleeve");
        }
        if (s.asset() == null || s.asset().isBlank() || s.asset().length() > 64) {
            throw ProblemException.badRequest(p + "asset", "asset must name the underlying (1..64 characters)");
        }
        decimals(p + "tokenDecimals", s.tokenDecimals());
        decimals(p + "stableDecimals", s.stableDecimals());
        in(p + "tenorDays", s.tenorDays(), 1.0 / 24, 366, "days");
        in(p + "moneyness", s.moneyness(), 0.5, 1.2, "(strike over spot)");
        in(p + "coverage", s.coverage(), 1e-6, 1, "(fraction of the sleeve)");
        in(p + "tolerance", s.tolerance(), 0, 2, "(fraction above the service's price)");
        return new ProtectionVenueSpec(
                venue,
                quoter,
                s.sleeve(),
                s.asset(),
                token,
                s.tokenDecimals(),
                s.stableDecimals(),
                s.tenorDays(),
                s.moneyness(),
                s.coverage(),
                s.tolerance());
    }

    private static void decimals(String field, Integer d) {
        if (d == null || d < 0 || d > 36) {
            throw ProblemException.badRequest(field, field + " must be an integer in 0..36, got " + d);
        }
    }

    private static void in(String field, Double v, double lo, double hi, String unit) {
        if (v == null || !Double.isFinite(v) || v < lo || v > hi) {
            throw ProblemException.badRequest(
                    field, field + " must be a number in [" + lo + ", " + hi + "] " + unit + ", got " + v);
        }
    }
}
