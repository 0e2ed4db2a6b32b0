package io.vaultrisk.montecarlo.vol;

/**
 * A high-volatility regime with hysteresis: entered when the short EWMA vol rises above {@code enter} × its long-run
 * level, left only when it falls below {@code leave} × that level ({@code leave < enter}), so a vol hovering at the
 * threshold does not flip the regime on every tick.
 */
public record VolRegime(double enter, double leave) {
    public VolRegime {
        if (!(leave > 0 && enter > leave && enter < 100)) {
            throw new IllegalArgumentException(
                    "regime thresholds: need 0 < leave < enter, got enter " + enter + ", leave " + leave);
        }
    }

    /** Whether the regime is high after this observation, given whether it was high before. */
    public boolean high(boolean wasHigh, double vol, double longRun) {
        if (!(vol >= 0 && longRun > 0)) {
            return wasHigh;
        }
        return wasHigh ? vol >= leave * longRun : vol > enter * longRun;
    }
}
