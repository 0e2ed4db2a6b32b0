package io.vaultrisk.montecarlo.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vaultrisk.kernels.cpu.BlockScheduler;
import io.vaultrisk.kernels.rng.NormalStream;
import io.vaultrisk.montecarlo.book.Book;
import io.vaultrisk.montecarlo.book.FundingModel;
import io.vaultrisk.montecarlo.book.MarketData;
import io.vaultrisk.montecarlo.book.PerpetualPosition;
import io.vaultrisk.montecarlo.book.SpotPosition;
import io.vaultrisk.montecarlo.book.Underlying;
import java.util.List;
import org.junit.jupiter.api.Test;

class BookSimulatorTest {

    @Test
    void run_anyPath_matchesScalarNormalStreamWithCholesky() {
        List<Underlying> us = List.of(
                Underlying.of("BTC", 91250, 0.6, 0.1),
                Underlying.of("ETH", 3000, 0.8, 0),
                Underlying.of("SOL", 140, 1.1, -0.2));
        double[][] c = {{1, 0.8, 0.6}, {0.8, 1, 0.7}, {0.6, 0.7, 1}};
        Book book = TestBooks.of(MarketData.of(0.0, us, c), SpotPosition.of("b", "BTC", 1));
        RiskSettings settings =
                RiskSettings.of(1000, 42, new int[] {1, 2}, new double[] {0.95}).withStepsPerDay(5);
        SimulationPlan plan = new SimulationPlan(book, settings);
        long[] paths = {0, 1, 7, 123_456_789_012L, 5};
        double[][] obs = BookSimulator.observations(plan, paths);
        NormalStream z = new NormalStream(42);
        double[][] l = CorrelationFactor.cholesky(c);
        double dt = 1.0 / (365 * 5);
        for (int i = 0; i < paths.length; i++) {
            double[] ln = new double[3];
            for (int d = 0; d < 3; d++) {
                ln[d] = Math.log(us.get(d).spot());
            }
            for (int s = 0; s < 10; s++) {
                double[] e = new double[3];
                for (int d = 0; d < 3; d++) {
                    e[d] = z.normal(paths[i], s, d);
                }
                for (int d = 0; d < 3; d++) {
                    double w = 0;
                    for (int k = 0; k <= d; k++) {
                        w += l[d][k] * e[k];
                    }
                    double vol = us.get(d).vol();
                    ln[d] += (us.get(d).drift() - 0.5 * vol * vol) * dt + vol * Math.sqrt(dt) * w;
                }
                if (s == 4 || s == 9) {
                    int h = s == 4 ? 0 : 1;
                    for (int d = 0; d < 3; d++) {
                        assertThat(obs[plan.observation(h, d)][i])
                                .as("path %d dim %d", paths[i], d)
                                .isCloseTo(Math.exp(ln[d]), within(1e-11 * Math.exp(ln[d])));
                    }
                }
            }
        }
    }

    @Test
    void simulate_correlatedLogReturns_haveTheBookCorrelation() {
        List<Underlying> us = List.of(Underlying.of("BTC", 91250, 0.6, 0), Underlying.of("ETH", 3000, 0.8, 0));
        Book book = TestBooks.of(
                MarketData.of(0.0, us, new double[][] {{1, -0.55}, {-0.55, 1}}), SpotPosition.of("b", "BTC", 1));
        RiskSettings settings =
                RiskSettings.of(40_000, 9, new int[] {1}, new double[] {0.95}).withStepsPerDay(2);
        SimulationPlan plan = new SimulationPlan(book, settings);
        BookSimulator.Output out = BookSimulator.run(plan, 0, n -> {});
        double[] x = out.obs()[0], y = out.obs()[1];
        double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
        int n = x.length;
        for (int i = 0; i < n; i++) {
            double a = Math.log(x[i]), b = Math.log(y[i]);
            sx += a;
            sy += b;
            sxx += a * a;
            syy += b * b;
            sxy += a * b;
        }
        double cov = sxy / n - sx / n * sy / n;
        double rho = cov / Math.sqrt((sxx / n - sx / n * sx / n) * (syy / n - sy / n * sy / n));
        // standard error of a sample correlation ≈ (1 − ρ²)/√n = 0.0035
        assertThat(rho).isCloseTo(-0.55, within(4 * (1 - 0.55 * 0.55) / Math.sqrt(n)));
    }

    /** Spots, perpetual values, liquidation counts and funding sums: the same bits on 1, 2 and 3 threads. */
    @Test
    void run_oneTwoThreeThreadsWithAShortLastBlock_sameBits() {
        List<Underlying> us = List.of(Underlying.of("BTC", 91250, 0.6, 0.1), Underlying.of("ETH", 3000, 0.9, 0));
        Book book = TestBooks.of(
                MarketData.of(0.0, us, new double[][] {{1, 0.7}, {0.7, 1}}),
                SpotPosition.of("b", "BTC", 1),
                PerpetualPosition.linear("lin", "ETH", 4, 3000, 1500, 0.005, 0.0003)
                        .withFunding(FundingModel.spotLinked(0.0001, 0.01, 0.001), 8),
                PerpetualPosition.inverse("inv", "BTC", -30000, 91000, 0.05, 0.005, 0.0001));
        int n = 2 * BlockScheduler.BLOCK + 5;
        SimulationPlan plan = new SimulationPlan(book, RiskSettings.of(n, 17, new int[] {1, 3}, new double[] {0.95}));
        BookSimulator.Output one = BookSimulator.run(plan, 1, x -> {});
        assertThat(one.liquidations()[1][0]).isPositive();
        for (int threads = 2; threads <= 3; threads++) {
            BookSimulator.Output many = BookSimulator.run(plan, threads, x -> {});
            assertThat(many.obs()).isDeepEqualTo(one.obs());
            assertThat(many.perpValue()).isDeepEqualTo(one.perpValue());
            assertThat(many.liquidations()).isDeepEqualTo(one.liquidations());
            for (int h = 0; h < 2; h++) {
                for (int p = 0; p < 2; p++) {
                    assertThat(Double.doubleToRawLongBits(many.fundingSum()[h][p]))
                            .isEqualTo(Double.doubleToRawLongBits(one.fundingSum()[h][p]));
                }
            }
        }
        long[] tail = {n - 1, 0, BlockScheduler.BLOCK};
        double[][] again = BookSimulator.observations(plan, tail);
        for (int i = 0; i < tail.length; i++) {
            assertThat(again[0][i]).isEqualTo(one.obs()[0][(int) tail[i]]);
        }
    }
}
