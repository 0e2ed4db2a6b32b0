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

class PerpetualRiskTest {
    /** Broadie–Glasserman–Kou: a discretely monitored barrier acts like a continuous one shifted by β σ √Δt. */
    static final double BGK_BETA = 0.5825971579390106;

    /** P(min over [0, T] of GBM &lt; L), continuous monitoring. */
    static double downHit(double s0, double barrier, double mu, double vol, double t) {
        double x = Math.log(barrier / s0), nu = mu - 0.5 * vol * vol, sd = vol * Math.sqrt(t);
        return Normal.cdf((x - nu * t) / sd) + Math.exp(2 * nu * x / (vol * vol)) * Normal.cdf((x + nu * t) / sd);
    }

    @Test
    void liquidationPrice_linearAndInverse_equityEqualsMaintenanceThere() {
        PerpetualPosition longLin = PerpetualPosition.linear("a", "BTC", 2, 90000, 20000, 0.005, 0);
        double l = PerpetualMath.liquidationPrice(longLin);
        assertThat(20000 + 2 * (l - 90000)).isCloseTo(0.005 * 2 * l, within(1e-6));
        PerpetualPosition shortLin = PerpetualPosition.linear("b", "BTC", -2, 90000, 20000, 0.005, 0);
        double s = PerpetualMath.liquidationPrice(shortLin);
        assertThat(20000 - 2 * (s - 90000)).isCloseTo(0.005 * 2 * s, within(1e-6));
        PerpetualPosition longInv = PerpetualPosition.inverse("c", "BTC", 90000, 90000, 0.2, 0.005, 0);
        double li = PerpetualMath.liquidationPrice(longInv);
        assertThat(0.2 + 90000 * (1 / 90000.0 - 1 / li)).isCloseTo(0.005 * 90000 / li, within(1e-12));
        PerpetualPosition shortInv = PerpetualPosition.inverse("d", "BTC", -90000, 90000, 0.2, 0.005, 0);
        double si = PerpetualMath.liquidationPrice(shortInv);
        assertThat(0.2 - 90000 * (1 / 90000.0 - 1 / si)).isCloseTo(0.005 * 90000 / si, within(1e-12));
        // a short inverse perp whose coin margin covers its contracts cannot be liquidated by any price
        assertThat(PerpetualMath.liquidationPrice(PerpetualPosition.inverse("e", "BTC", -90000, 90000, 1.0, 0.005, 0)))
                .isNaN();
    }

    @Test
    void run_linearLongPerp_liquidationProbabilityMatchesBarrierClosedFormWithBgkCorrection() {
        double s0 = 3000, vol = 0.8, mu = 0.05;
        int days = 7, stepsPerDay = 24, paths = 100_000;
        PerpetualPosition perp = PerpetualPosition.linear("p", "ETH", 10, 3000, 3000, 0.01, 0.0);
        Book book = TestBooks.single(Underlying.of("ETH", s0, vol, mu), perp);
        RiskReport r = RiskEngine.DEFAULT.run(
                book,
                RiskSettings.of(paths, 17, new int[] {days}, new double[] {0.95})
                        .withStepsPerDay(stepsPerDay),
                ProgressSink.NONE);
        double barrier = PerpetualMath.liquidationPrice(perp);
        assertThat(barrier).isCloseTo((10 * 3000 - 3000) / (10 * 0.99), within(1e-9));
        double t = days / 365.0, dt = 1.0 / (365 * stepsPerDay);
        double continuous = downHit(s0, barrier, mu, vol, t);
        double corrected = downHit(s0, barrier * Math.exp(-BGK_BETA * vol * Math.sqrt(dt)), mu, vol, t);
        RiskReport.LiquidationEstimate e = r.perpetuals().get(0).horizons().get(0);
        assertThat(r.perpetuals().get(0).liquidationPrice()).isEqualTo(barrier);
        assertThat(e.probability()).isCloseTo(corrected, within(4 * e.stderr()));
        // the correction matters at this size: the continuous-monitoring figure is many standard errors away
        assertThat(Math.abs(e.probability() - continuous)).isGreaterThan(4 * e.stderr());
    }

    @Test
    void run_inverseShortPerp_liquidationProbabilityMatchesUpBarrierClosedForm() {
        double s0 = 90000, vol = 0.6;
        PerpetualPosition perp = PerpetualPosition.inverse("p", "BTC", -90000, 90000, 0.1, 0.005, 0.0);
        Book book = TestBooks.single(Underlying.of("BTC", s0, vol, 0), perp);
        RiskReport r = RiskEngine.DEFAULT.run(
                book, RiskSettings.of(100_000, 23, new int[] {7}, new double[] {0.95}), ProgressSink.NONE);
        double barrier = PerpetualMath.liquidationPrice(perp);
        double dt = 1.0 / (365 * 24), t = 7 / 365.0;
        // up barrier for S is a down barrier for 1/S, which is GBM with drift σ² − μ − ... : use reflection of log
        double up = barrier * Math.exp(BGK_BETA * vol * Math.sqrt(dt));
        double x = Math.log(up / s0), nu = -0.5 * vol * vol, sd = vol * Math.sqrt(t);
        double expected =
                Normal.cdf((-x + nu * t) / sd) + Math.exp(2 * nu * x / (vol * vol)) * Normal.cdf((-x - nu * t) / sd);
        RiskReport.LiquidationEstimate e = r.perpetuals().get(0).horizons().get(0);
        assertThat(e.probability()).isCloseTo(expected, within(4 * e.stderr()));
        assertThat(e.probability()).isBetween(0.05, 0.5);
    }

    @Test
    void run_fundingOnADeterministicPath_equalsTheHandSum() {
        // vol 1e-8 makes the path deterministic: S(t) = S0·exp(μt); funding is paid at 8 h, 16 h and 24 h
        double s0 = 3000, mu = 2.0, rate = 0.0003;
        PerpetualPosition longLin = PerpetualPosition.linear("lin", "ETH", 4, 2950, 2000, 0.005, rate);
        PerpetualPosition shortInv = PerpetualPosition.inverse("inv", "ETH", -30000, 3100, 5, 0.005, rate)
                .withFunding(FundingModel.constant(rate), 8);
        Book book = TestBooks.single(Underlying.of("ETH", s0, 1e-8, mu), longLin, shortInv);
        RiskReport r = RiskEngine.DEFAULT.run(
                book, RiskSettings.of(1000, 1, new int[] {1}, new double[] {0.95}), ProgressSink.NONE);
        double s8 = s0 * Math.exp(mu * 8 / 8760.0), s16 = s0 * Math.exp(mu * 16 / 8760.0);
        double s24 = s0 * Math.exp(mu * 24 / 8760.0);
        // the long pays rate × size × S at each funding time
        double linFunding = -rate * 4 * (s8 + s16 + s24);
        // the inverse short receives rate × |size| / S coins at each time, worth (coins) × S_24 at the horizon
        double invCoins = rate * 30000 * (1 / s8 + 1 / s16 + 1 / s24);
        assertThat(r.perpetuals().get(0).horizons().get(0).meanFunding()).isCloseTo(linFunding, within(1e-6));
        assertThat(r.perpetuals().get(1).horizons().get(0).meanFunding()).isCloseTo(invCoins * s24, within(1e-6));
        double linValue = 2000 + linFunding + 4 * (s24 - 2950);
        double invValue = (5 + invCoins - 30000 * (1 / 3100.0 - 1 / s24)) * s24;
        double v0 = 2000 + 4 * (s0 - 2950) + (5 - 30000 * (1 / 3100.0 - 1 / s0)) * s0;
        assertThat(r.first().pnl().mean()).isCloseTo(linValue + invValue - v0, within(1e-4));
        assertThat(r.perpetuals().get(0).horizons().get(0).probability()).isZero();
    }
}
