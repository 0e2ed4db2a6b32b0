package io.vaultrisk.montecarlo.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vaultrisk.basics.BlackScholes;
import io.vaultrisk.basics.OptionType;
import io.vaultrisk.kernels.ProgressSink;
import io.vaultrisk.montecarlo.book.Book;
import io.vaultrisk.montecarlo.book.BookReader;
import io.vaultrisk.montecarlo.book.OptionPosition;
import io.vaultrisk.montecarlo.book.PerpetualPosition;
import io.vaultrisk.montecarlo.book.SpotPosition;
import io.vaultrisk.montecarlo.book.Underlying;
import io.vaultrisk.montecarlo.instrument.Settlement;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PnlExplainTest {
    @Test
    void run_spotAndLinearPerp_deltaAndFundingExplainEverything() {
        // linear instruments: P&L = q·ΔS + funding exactly (no liquidation within reach), so the residual is 0
        double s0 = 3000, rate = 0.0002;
        Book book = TestBooks.single(
                Underlying.of("ETH", s0, 0.7, 0),
                SpotPosition.of("e", "ETH", 5),
                PerpetualPosition.linear("p", "ETH", 2, s0, 50_000, 0.005, rate));
        RiskReport r = RiskEngine.DEFAULT.run(
                book, RiskSettings.of(20_000, 9, new int[] {1}, new double[] {0.99}), ProgressSink.NONE);
        PnlExplain e = r.first().explain();
        for (PnlExplain.Terms t : new PnlExplain.Terms[] {e.mean(), e.tail()}) {
            assertThat(t.gamma()).isZero();
            assertThat(t.vega()).isZero();
            assertThat(t.theta()).isZero();
            assertThat(t.residual()).isCloseTo(0.0, within(1e-6));
            assertThat(t.delta() + t.funding()).isCloseTo(t.total(), within(1e-6));
        }
        assertThat(e.mean().funding())
                .isEqualTo(r.perpetuals().get(0).horizons().get(0).meanFunding());
        // the long pays about 3 fundings of rate·2·S0 a day
        assertThat(e.mean().funding()).isCloseTo(-3 * rate * 2 * s0, within(1.0));
        assertThat(e.mean().total()).isCloseTo(r.first().pnl().mean(), within(1e-9));
        // the 99% tail is a fall: the tail's delta term is the tail's loss, about −7 coins × 2.33 sd of S
        assertThat(e.tail().delta())
                .isNegative()
                .isCloseTo(e.tail().total() - e.tail().funding(), within(1e-6));
        assertThat(e.tailPaths()).isEqualTo(r.first().level(0.99).measures().tailCount());
    }

    @Test
    void run_writtenCall_thetaIsTheClosedFormAndTheResidualIsSmall() {
        double s0 = 3000, vol = 0.7;
        Instant expiry = Instant.parse("2026-12-25T08:00:00Z");
        OptionPosition call = OptionPosition.of("c", "ETH", OptionType.CALL, 3200, expiry, Settlement.LINEAR, -10);
        Book book = TestBooks.single(Underlying.of("ETH", s0, vol, 0), call);
        RiskReport r = RiskEngine.DEFAULT.run(
                book, RiskSettings.of(20_000, 2, new int[] {1}, new double[] {0.99}), ProgressSink.NONE);
        PnlExplain e = r.first().explain();
        // theta·τ by finite difference of the closed form over one day
        double t = 30 / 365.0, d = 1 / 365.0;
        double decay = -10
                * (BlackScholes.price(OptionType.CALL, s0, 3200, t - d, 0, vol)
                        - BlackScholes.price(OptionType.CALL, s0, 3200, t, 0, vol));
        assertThat(e.mean().theta()).isCloseTo(decay, within(0.02 * Math.abs(decay)));
        assertThat(e.mean().theta()).isPositive(); // the writer earns the decay
        // delta-gamma-theta explain a one-day move of a 30-day option up to third-order terms
        assertThat(Math.abs(e.tail().residual()))
                .isLessThan(0.1 * Math.abs(e.tail().total()));
        assertThat(e.note()).contains("vega term is 0");
    }

    @Test
    void run_writtenCallWithVolDynamics_vegaTermExplainsTheVolMovesAndTheResidualShrinks() {
        // one written 30-day call on a flat 30% vol whose ATM vol moves with ψ = 2.5, independent of the spot: over
        // 7 days the vol moves by about 35% and the spot by about 4%, so the vol moves dominate the P&L and its tail
        Book book = BookReader.DEFAULT.parse("""
                {"name": "v", "asOf": "2026-11-25T08:00:00Z",
                 "market": {"rate": 0.0, "underlyings": {"ETH": {"spot": 3000, "vol": 0.3,
                            "volDynamics": {"volOfVol": 2.5, "meanReversion": 0, "spotCorrelation": 0}}}},
                 "positions": [{"id": "c", "type": "option", "underlying": "ETH", "optionType": "call",
                                "strike": 3200, "expiry": "2026-12-25", "settlement": "linear", "quantity": -10}]}
                """);
        RiskReport r = RiskEngine.DEFAULT.run(
                book, RiskSettings.of(20_000, 3, new int[] {7}, new double[] {0.99}), ProgressSink.NONE);
        PnlExplain e = r.first().explain();
        assertThat(e.note()).contains("vanna and volga");
        // the residual the explain had with the vega term at 0 is residual + vega
        assertThat(Math.abs(e.mean().residual()))
                .isLessThan(0.5 * Math.abs(e.mean().residual() + e.mean().vega()));
        // in the tail the vol rose by 2-3 sd (σ × 2-3): a second-order expansion in σ leaves more there, still less
        // than the frozen-vol explain left
        assertThat(Math.abs(e.tail().residual()))
                .isLessThan(Math.abs(e.tail().residual() + e.tail().vega()));
        // the writer's tail holds the paths where the vol rose: there the vega term is most of the loss
        assertThat(e.tail().vega()).isNegative().isLessThan(0.5 * e.tail().total());
        // mean: with κ = 0 and ρ = 0, x at 7 days is N(0, ψ²τ) independent of the spot, so E[e^x − 1] =
        // e^(ψ²τ/2) − 1 and E[(e^x − 1)²] = e^(2ψ²τ) − 2e^(ψ²τ/2) + 1; the vanna term averages to ~0
        double tau = 7 / 365.0, psi2t = 2.5 * 2.5 * tau, t0 = 30 / 365.0, s = 3000, k = 3200, sig = 0.3;
        double sd = sig * Math.sqrt(t0), d1 = (Math.log(s / k)) / sd + 0.5 * sd, d2 = d1 - sd;
        double vega = -10 * s * Math.sqrt(t0) * Math.exp(-0.5 * d1 * d1) / Math.sqrt(2 * Math.PI);
        double volga = vega * d1 * d2 / sig;
        double expected = vega * sig * Math.expm1(psi2t / 2)
                + 0.5 * volga * sig * sig * (Math.exp(2 * psi2t) - 2 * Math.exp(psi2t / 2) + 1);
        // 4 standard errors of the simulated mean of the vega term (sd ≈ |νσ|·ψ√τ)
        double se = Math.abs(vega * sig) * Math.sqrt(psi2t) / Math.sqrt(20_000);
        assertThat(e.mean().vega()).isCloseTo(expected, within(4 * se + 0.02 * Math.abs(expected)));
    }
}
