package io.vaultrisk.kernels.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BrownianBridgeTest {

    /** The bridge is linear in its normals: its covariance is Σ_k w(e_k) w(e_k)ᵀ, which must equal min(tᵢ, tⱼ). */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 7, 16, 252})
    void build_anyGrid_hasBrownianCovariance(int steps) {
        double expiry = 0.75, dt = expiry / steps;
        BrownianBridge bridge = new BrownianBridge(steps, expiry);
        double[][] columns = new double[steps][steps + 1];
        for (int k = 0; k < steps; k++) {
            double[] unit = new double[steps];
            unit[k] = 1.0;
            bridge.build(unit, columns[k]);
        }
        for (int i = 1; i <= steps; i++) {
            for (int j = i; j <= steps; j += Math.max(1, steps / 9)) {
                double cov = 0;
                for (int k = 0; k < steps; k++) {
                    cov += columns[k][i] * columns[k][j];
                }
                assertThat(cov).as("cov(W%d, W%d)", i, j).isCloseTo(Math.min(i, j) * dt, within(1e-12));
            }
        }
    }
}
