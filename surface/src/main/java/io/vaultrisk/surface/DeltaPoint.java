package io.vaultrisk.surface;

/**
 * The strike and volatility at a forward delta on one fitted expiry: what vaults pick strikes by. A badly fitted smile
 * may have no strike for a delta; then both are NaN, and the rest of a report stands.
 *
 * @param delta forward delta, negative for a put
 * @param putCall put for a negative delta, call otherwise
 * @param strike the strike of that delta, or NaN
 * @param vol the smile's volatility at that strike, or NaN
 */
public record DeltaPoint(double delta, PutCall putCall, double strike, double vol) {

    /** The point of {@code delta} on {@code slice}, a listed expiry of {@code surface}. */
    public static DeltaPoint on(VolSurface surface, SmileSlice slice, double delta) {
        double strike = strikeOrNaN(surface, slice.timeToExpiry(), delta);
        return new DeltaPoint(
                delta, putCall(delta), strike, Double.isNaN(strike) ? Double.NaN : slice.volAtStrike(strike));
    }

    /** The strike of a forward delta at year fraction t, or NaN where the smile has none. */
    public static double strikeOrNaN(VolSurface surface, double t, double delta) {
        try {
            return surface.strikeForDelta(t, delta, putCall(delta));
        } catch (RuntimeException e) {
            // no bracketing strike, or the root finder gave up (commons-math reports each with its own type)
            return Double.NaN;
        }
    }

    private static PutCall putCall(double delta) {
        return delta < 0 ? PutCall.PUT : PutCall.CALL;
    }
}
