package io.vaultrisk.montecarlo.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vaultrisk.basics.Normal;
import io.vaultrisk.kernels.ProgressSink;
import io.vaultrisk.montecarlo.book.Book;
import io.vaultrisk.montecarlo.book.FundingModel;
import io.vaultrisk.montecarlo.book.PerpetualPosition;
import io.vaultrisk.montecarlo.book.Underlying;
import org.junit.jupiter.api.Test;

class ContinuousLiquidationTest {
    /** P(max over [0, T] of ln S − ln S0 ≥ a) for GBM with zero drift (log drift −σ²/2): the first-passage law. */
    static double upHit(double a, double vol, double t) {
        double nu = -0.5 * vol * vol, sd = vol * Math.sqrt(t);
        return Normal.cdf((-a + nu * t) / sd) + Math.exp(2 * nu * a / (vol * vol)) * Normal.cdf((-a - nu * t) / sd);
    }

    @Test
    void run_shortPerpFivePercentFromLiquidation_matchesFirstPassageClosedFormWithin4Se() {
        // the case: a short 5% below its liquidation price at 72% vol, 1 day, 24 steps a day
        double s0 = 3000, vol = 0.72, mmr = 0.005;
        double margin = 1.05 * s0 * (1 + mmr) - s0; // liquidation price (M + E)/(1 + m) = 1.05·S0
        PerpetualPosition perp = PerpetualPosition.linear("p", "ETH", -1, s0, margin, mmr, 0.0);
        Book book = TestBooks.single(Underlying.of("ETH", s0, vol, 0), perp);
        assertThat(PerpetualMath.liquidationPrice(perp)).isCloseTo(1.05 * s0, within(1e-9));
        RiskSettings settings = RiskSettings.of(40_000, 11, new int[] {1}, new double[] {0.95});
        RiskReport continuous = RiskEngine.DEFAULT.run(
                book, settings.withLiquidationMonitoring(LiquidationMonitoring.CONTINUOUS), ProgressSink.NONE);
        RiskReport steps = RiskEngine.DEFAULT.run(book, settings, ProgressSink.NONE);
        double expected = upHit(Math.log(1.05), vol, 1 / 365.0);
        RiskReport.LiquidationEstimate c =
                continuous.perpetuals().get(0).horizons().get(0);
        RiskReport.LiquidationEstimate d = steps.perpetuals().get(0).horizons().get(0);
        assertThat(expected).isCloseTo(0.19, within(0.01));
        assertThat(c.probability()).isCloseTo(expected, within(4 * c.stderr()));
        // checking only at the 24 steps misses about a fifth of the liquidations (the 0.158 against 0.196)
        assertThat(d.probability()).isLessThan(expected - 4 * d.stderr());
        assertThat(continuous.liquidationMonitoring()).isEqualTo("continuous");
        assertThat(steps.liquidationMonitoring()).isEqualTo("steps");
    }

    @Test
    void run_longInversePerpWithFunding_continuousMatchesClosedFormAtOneStepPerDay() {
        // one step a day: everything the check sees between steps comes from the bridge
        double s0 = 90000, vol = 0.6;
        // funding 0, paid daily so that it falls on the daily steps
        PerpetualPosition perp = PerpetualPosition.inverse("p", "BTC", 90000, 90000, 0.05, 0.005, 0.0)
                .withFunding(FundingModel.constant(0.0), 24);
        Book book = TestBooks.single(Underlying.of("BTC", s0, vol, 0), perp);
        RiskSettings settings = RiskSettings.of(40_000, 5, new int[] {3}, new double[] {0.95})
                .withStepsPerDay(1)
                .withLiquidationMonitoring(LiquidationMonitoring.CONTINUOUS);
        RiskReport r = RiskEngine.DEFAULT.run(book, settings, ProgressSink.NONE);
        double barrier = PerpetualMath.liquidationPrice(perp), t = 3 / 365.0;
        // down barrier of a driftless GBM: reflect the log-spot (its drift −σ²/2 changes sign)
        double a = Math.log(s0 / barrier), nu = 0.5 * vol * vol, sd = vol * Math.sqrt(t);
        double expected =
                Normal.cdf((-a + nu * t) / sd) + Math.exp(2 * nu * a / (vol * vol)) * Normal.cdf((-a - nu * t) / sd);
        RiskReport.LiquidationEstimate e = r.perpetuals().get(0).horizons().get(0);
        assertThat(e.probability()).isBetween(0.05, 0.6);
        assertThat(e.probability()).isCloseTo(expected, within(4 * e.stderr()));
    }

    @Test
    void crossingProbability_bridgeFormulaAndEdges() {
        // both ends 0.1 below the barrier, σ²Δt = 0.01: exp(−2·0.1·0.1/0.01) = e^−2
        assertThat(ContinuousLiquidation.crossingProbability(0.0, 0.0, 0.1, 0.01))
                .isCloseTo(Math.exp(-2), within(1e-15));
        // symmetric for a lower barrier
        assertThat(ContinuousLiquidation.crossingProbability(0.0, 0.05, -0.1, 0.01))
                .isCloseTo(Math.exp(-2 * 0.1 * 0.15 / 0.01), within(1e-15));
        assertThat(ContinuousLiquidation.crossingProbability(0.0, 0.2, 0.1, 0.01))
                .isEqualTo(1.0);
        assertThat(ContinuousLiquidation.crossingProbability(0.0, 0.2, Double.NaN, 0.01))
                .isZero();
    }

    @Test
    void uniform_dependsOnSeedPathAndPerpetualOnly() {
        double u = ContinuousLiquidation.uniform(7, 123_456_789_012L, 2);
        assertThat(u)
                .isEqualTo(ContinuousLiquidation.uniform(7, 123_456_789_012L, 2))
                .isBetween(0.0, 1.0);
        assertThat(u).isNotEqualTo(ContinuousLiquidation.uniform(7, 123_456_789_012L, 3));
        assertThat(u).isNotEqualTo(ContinuousLiquidation.uniform(8, 123_456_789_012L, 2));
        // uniform in law: the mean of 20,000 draws is 1/2 within 4 standard errors (1/√12/√n)
        double sum = 0;
        for (int i = 0; i < 20_000; i++) {
            sum += ContinuousLiquidation.uniform(1, i, 0);
        }
        assertThat(sum / 20_000).isCloseTo(0.5, within(4 / Math.sqrt(12 * 20_000.0)));
    }
}
