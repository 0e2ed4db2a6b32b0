package io.vaultrisk.montecarlo.risk;

/**
 * Whether margin covered what it should: over a series of days, the realised loss over the margin period against
 * the initial margin set at the start of it. The hook for the backtest of the calibrated margin on real history
 * (`vaultrisk backtest`): it supplies the margins from {@link RiskEngine} runs on each day's book and the realised
 * losses from the history.
 *
 * @param observations days compared
 * @param exceptions   days whose realised loss exceeded the margin
 * @param coverage     1 − exceptions / observations
 */
public record MarginCoverage(int observations, int exceptions, double coverage) {
    public static MarginCoverage of(double[] margin, double[] realisedLoss) {
        if (margin.length != realisedLoss.length || margin.length == 0) {
            throw new IllegalArgumentException("margin and realised losses must be non-empty and of equal length");
        }
        int e = 0;
        for (int i = 0; i < margin.length; i++) {
            if (realisedLoss[i] > margin[i]) {
                e++;
            }
        }
        return new MarginCoverage(margin.length, e, 1.0 - (double) e / margin.length);
    }
}
