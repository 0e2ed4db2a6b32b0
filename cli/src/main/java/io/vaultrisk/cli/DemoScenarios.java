package io.vaultrisk.cli;

import io.vaultrisk.basics.YearFraction;
import io.vaultrisk.kernels.rng.NormalStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo vault's candidate strategies over one shared set of simulated paths: a stablecoin sleeve earning a lending
 * yield, and WBTC and WETH sleeves whose horizon returns are correlated lognormal (GBM is exact at the horizon), drawn
 * from the engine's counter-based stream (path p, dims 0 and 1), so any run with the same seed sees the same paths.
 */
record DemoScenarios(List<String> strategies, double[][] returns, double horizonYears) {

    static final double BTC_DRIFT = 0.10, BTC_VOL = 0.55, ETH_DRIFT = 0.12, ETH_VOL = 0.70, CORRELATION = 0.8;
    static final double STABLE_YIELD = 0.05;

    static DemoScenarios simulate(int paths, long seed, double horizonDays) {
        double h = YearFraction.ofDays(horizonDays);
        NormalStream z = new NormalStream(seed);
        double[][] r = new double[paths][3];
        double stable = Math.expm1(STABLE_YIELD * h);
        double rhoBar = Math.sqrt(1 - CORRELATION * CORRELATION);
        for (int p = 0; p < paths; p++) {
            double z1 = z.normal(p, 0, 0), z2 = CORRELATION * z1 + rhoBar * z.normal(p, 0, 1);
            r[p][0] = stable;
            r[p][1] = Math.expm1((BTC_DRIFT - 0.5 * BTC_VOL * BTC_VOL) * h + BTC_VOL * Math.sqrt(h) * z1);
            r[p][2] = Math.expm1((ETH_DRIFT - 0.5 * ETH_VOL * ETH_VOL) * h + ETH_VOL * Math.sqrt(h) * z2);
        }
        return new DemoScenarios(List.of("USDC", "WBTC", "WETH"), r, h);
    }

    List<List<Double>> rows() {
        List<List<Double>> rows = new ArrayList<>(returns.length);
        for (double[] row : returns) {
            rows.add(List.of(row[0], row[1], row[2]));
        }
        return rows;
    }
}
