package io.vaultrisk.allocator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class OtherObjectivesTest {

    private static final ScenarioMatrix THREE = TestScenarios.studentT(2_000, 3, 29);

    @Test
    void minVariance_twoAssets_closedForm() {
        ScenarioMatrix sc = TestScenarios.studentT(1_000, 2, 5);
        double[][] cov = sc.covariance();
        double w1 = (cov[1][1] - cov[0][1]) / (cov[0][0] + cov[1][1] - 2 * cov[0][1]);
        Allocation a = MeanVarianceOptimizer.DEFAULT.minVariance(sc, 0.95, PortfolioConstraints.longOnly(2));
        assertThat(a.status()).isEqualTo(AllocationStatus.OPTIMAL);
        assertThat(a.weights()).containsExactly(new double[] {w1, 1 - w1}, within(1e-7));
    }

    @Test
    void maxSharpe_interiorTangency_equalsSigmaInverseExcess() {
        ScenarioMatrix sc = THREE;
        double[] mu = sc.means();
        double rf = 0.001;
        double[] excess = new double[3];
        for (int i = 0; i < 3; i++) {
            excess[i] = mu[i] - rf;
        }
        double[] z = DenseLinearAlgebra.solveSpd(sc.covariance(), excess);
        double sum = Arrays.stream(z).sum();
        double[] tangency = Arrays.stream(z).map(x -> x / sum).toArray();
        assertThat(Arrays.stream(tangency).min().getAsDouble()).isGreaterThan(0.01);
        Allocation a = MeanVarianceOptimizer.DEFAULT.maxSharpe(sc, 0.95, PortfolioConstraints.longOnly(3), rf);
        assertThat(a.status()).isEqualTo(AllocationStatus.OPTIMAL);
        assertThat(a.weights()).containsExactly(tangency, within(1e-6));
    }

    @Test
    void maxSharpe_capBinds_beatsNeighbours() {
        ScenarioMatrix sc = TestScenarios.studentT(2_000, 5, 8);
        PortfolioConstraints c = PortfolioConstraints.longOnly(5).withGroups(List.of(GroupCap.of("g", 0.3, 0, 1)));
        Allocation a = MeanVarianceOptimizer.DEFAULT.maxSharpe(sc, 0.95, c, 0.0);
        double best = MeanVarianceOptimizer.sharpe(sc, c, a.weights(), 0.0);
        double[] w = a.weights();
        assertThat(w[0] + w[1]).isLessThanOrEqualTo(0.3 + 1e-9);
        // moving weight between any two strategies within the constraints never raises the ratio
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 5; j++) {
                double[] v = w.clone();
                double d = Math.min(0.01, v[i]);
                v[i] -= d;
                v[j] += d;
                if (i != j && v[0] + v[1] <= 0.3 + 1e-12) {
                    assertThat(MeanVarianceOptimizer.sharpe(sc, c, v, 0.0)).isLessThanOrEqualTo(best + 1e-9);
                }
            }
        }
    }

    @Test
    void maxSharpe_allBelowRiskFree_infeasibleWithReason() {
        Allocation a = MeanVarianceOptimizer.DEFAULT.maxSharpe(THREE, 0.95, PortfolioConstraints.longOnly(3), 0.5);
        assertThat(a.status()).isEqualTo(AllocationStatus.INFEASIBLE);
        assertThat(a.reason()).contains("above the risk-free rate");
    }

    @Test
    void riskParityVolatility_twoAssets_inverseVolatility() {
        ScenarioMatrix sc = TestScenarios.studentT(1_000, 2, 6);
        double[][] cov = sc.covariance();
        double s1 = Math.sqrt(cov[0][0]);
        double s2 = Math.sqrt(cov[1][1]);
        Allocation a = RiskParity.DEFAULT.volatility(sc, 0.95, 1.0);
        assertThat(a.weights()).containsExactly(new double[] {s2 / (s1 + s2), s1 / (s1 + s2)}, within(1e-12));
    }

    @Test
    void riskParityVolatility_manyAssets_equalShares() {
        ScenarioMatrix sc = TestScenarios.studentT(3_000, 8, 9);
        Allocation a = RiskParity.DEFAULT.volatility(sc, 0.95, 1.0);
        double[] equal = new double[8];
        Arrays.fill(equal, 0.125);
        assertThat(RiskParity.volatilityShares(sc, a.weights())).containsExactly(equal, within(1e-12));
        assertThat(Arrays.stream(a.weights()).sum()).isCloseTo(1.0, within(1e-14));
    }

    @Test
    void riskParityCvar_stableTail_weightsInverseToTailLoss() {
        // 100 scenarios, β = 0.95: the tail is the five crashes for any long-only weights, so equal contributions are
        // w_i ∝ 1 / (mean crash loss of i), by hand
        double[][] rows = new double[100][];
        double[] crashLoss = {0.30, 0.50, 0.20};
        for (int s = 0; s < 100; s++) {
            double wiggle = 0.001 * ((s * 37) % 11 - 5);
            rows[s] = s < 5
                    ? new double[] {-crashLoss[0] - 0.01 * s, -crashLoss[1] + 0.01 * s, -crashLoss[2]}
                    : new double[] {0.01 + wiggle, 0.02 - wiggle, 0.005 + 0.5 * wiggle};
        }
        ScenarioMatrix sc = ScenarioMatrix.ofRows(List.of("a", "b", "c"), rows);
        Allocation a = RiskParity.DEFAULT.cvar(sc, 0.95, 1.0);
        assertThat(a.status()).isEqualTo(AllocationStatus.OPTIMAL);
        // mean crash losses: a 0.32, b 0.48, c 0.20
        double norm = 1 / 0.32 + 1 / 0.48 + 1 / 0.20;
        assertThat(a.weights())
                .containsExactly(new double[] {1 / 0.32 / norm, 1 / 0.48 / norm, 1 / 0.20 / norm}, within(1e-12));
        assertThat(RiskParity.cvarShares(sc, 0.95, a.weights()))
                .containsExactly(new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0}, within(1e-12));
    }

    @Test
    void riskParityCvar_hedgeInTail_infeasibleWithReason() {
        double[][] rows = new double[100][];
        for (int s = 0; s < 100; s++) {
            rows[s] = s < 5 ? new double[] {-0.4, 0.1} : new double[] {0.01, -0.001};
        }
        ScenarioMatrix sc = ScenarioMatrix.ofRows(List.of("risky", "hedge"), rows);
        Allocation a = RiskParity.DEFAULT.cvar(sc, 0.95, 1.0);
        assertThat(a.status()).isEqualTo(AllocationStatus.INFEASIBLE);
        assertThat(a.reason()).startsWith("strategy 'hedge' gains on average in the portfolio's CVaR tail");
    }

    @Test
    void kelly_binaryBetAndCash_closedForm() {
        // wins 50% with probability 3/5, loses 40% with probability 2/5: f* = (p·u + q·d) / (u·|d|) = 0.7
        ScenarioMatrix sc = ScenarioMatrix.ofRows(List.of("bet"), new double[][] {{0.5}, {0.5}, {0.5}, {-0.4}, {-0.4}});
        PortfolioConstraints c = PortfolioConstraints.longOnly(1).withBudget(Double.NaN);
        Allocation full = KellyOptimizer.DEFAULT.maximise(sc, 0.9, c, 1.0);
        assertThat(full.weights()[0]).isCloseTo(0.7, within(1e-10));
        Allocation half = KellyOptimizer.DEFAULT.maximise(sc, 0.9, c, 0.5);
        assertThat(half.weights()[0]).isCloseTo(0.35, within(1e-10));
    }

    @Test
    void kelly_leverageCapBinds_capHolds() {
        // f* = 0.7 above the 0.5 cap: the constrained optimum of a concave one-dimensional function is the cap
        ScenarioMatrix sc = ScenarioMatrix.ofRows(List.of("bet"), new double[][] {{0.5}, {0.5}, {0.5}, {-0.4}, {-0.4}});
        PortfolioConstraints c =
                PortfolioConstraints.longOnly(1).withBudget(Double.NaN).withLeverageCap(0.5);
        assertThat(KellyOptimizer.DEFAULT.maximise(sc, 0.9, c, 1.0).weights()[0])
                .isCloseTo(0.5, within(1e-9));
    }

    @Test
    void kelly_severalAssets_stationary() {
        ScenarioMatrix sc = TestScenarios.studentT(2_000, 4, 12);
        PortfolioConstraints c =
                PortfolioConstraints.longOnly(4).withBudget(Double.NaN).withLeverageCap(3.0);
        Allocation a = KellyOptimizer.DEFAULT.maximise(sc, 0.95, c, 1.0);
        double best = KellyOptimizer.growth(sc, a.weights(), c);
        for (int i = 0; i < 4; i++) {
            for (double d : new double[] {-1e-3, 1e-3}) {
                double[] v = a.weights();
                v[i] += d;
                if (v[i] >= 0 && Arrays.stream(v).sum() <= 3.0) {
                    assertThat(KellyOptimizer.growth(sc, v, c)).isLessThanOrEqualTo(best + 1e-12);
                }
            }
        }
    }

    @Test
    void kelly_risklessPositiveReturnWithoutCap_unbounded() {
        ScenarioMatrix sc = ScenarioMatrix.ofRows(
                List.of("risky", "usdc"), new double[][] {{0.2, 0.004}, {-0.1, 0.004}, {0.05, 0.004}});
        PortfolioConstraints c = PortfolioConstraints.longOnly(2).withBudget(Double.NaN);
        Allocation a = KellyOptimizer.DEFAULT.maximise(sc, 0.5, c, 0.5);
        assertThat(a.status()).isEqualTo(AllocationStatus.UNBOUNDED);
        assertThat(a.reason()).contains("'usdc'");
    }

    @Test
    void riskParityVolatility_constantStrategy_infeasibleWithReason() {
        ScenarioMatrix sc = ScenarioMatrix.ofRows(
                List.of("risky", "usdc"), new double[][] {{0.2, 0.004}, {-0.1, 0.004}, {0.05, 0.004}});
        Allocation a = RiskParity.DEFAULT.volatility(sc, 0.5, 1.0);
        assertThat(a.status()).isEqualTo(AllocationStatus.INFEASIBLE);
        assertThat(a.reason()).contains("'usdc' has zero variance");
    }

    /** THREE with a fourth, riskless sleeve returning {@code rf} in every scenario. */
    private static ScenarioMatrix withRiskless(double rf) {
        double[][] rows = new double[THREE.scenarioCount()][4];
        for (int s = 0; s < rows.length; s++) {
            for (int i = 0; i < 3; i++) {
                rows[s][i] = THREE.get(s, i);
            }
            rows[s][3] = rf;
        }
        return ScenarioMatrix.ofRows(List.of("v0", "v1", "v2", "stablecoin"), rows);
    }

    /** Σ⁻¹(μ − r_f) normalised to sum 1: the mean-variance tangency, computed here and not by the optimiser. */
    private static double[] closedFormTangency(double rf) {
        double[] mu = THREE.means();
        double[] excess = new double[3];
        for (int i = 0; i < 3; i++) {
            excess[i] = mu[i] - rf;
        }
        double[] z = DenseLinearAlgebra.solveSpd(THREE.covariance(), excess);
        double sum = Arrays.stream(z).sum();
        return Arrays.stream(z).map(x -> x / sum).toArray();
    }

    @Test
    void maxSharpe_risklessSleeveAndVolTarget_tangencyMixedToTarget() {
        double rf = 0.001;
        ScenarioMatrix sc = withRiskless(rf);
        double[] t = closedFormTangency(rf);
        assertThat(Arrays.stream(t).min().getAsDouble()).isGreaterThan(0.01); // interior: the closed form applies
        double[] tangencyReturns = THREE.portfolioReturns(t);
        double mean = Arrays.stream(tangencyReturns).average().orElseThrow();
        double vol = Math.sqrt(Arrays.stream(tangencyReturns)
                .map(x -> (x - mean) * (x - mean))
                .average()
                .orElseThrow());
        double target = 0.4 * vol;
        ObjectiveSpec spec = ObjectiveSpec.of(Objective.MAX_SHARPE).withRiskTarget(target);
        Allocation a = spec.solve(sc, PortfolioConstraints.longOnly(4));
        assertThat(a.status()).isEqualTo(AllocationStatus.OPTIMAL);
        assertThat(a.solver()).contains("tangency mixed to target");
        double[] w = a.weights();
        for (int i = 0; i < 3; i++) {
            assertThat(w[i]).isCloseTo(0.4 * t[i], within(1e-6));
        }
        assertThat(w[3]).isCloseTo(0.6, within(1e-6));
        var report = AllocationReportJson.toJson(a, spec, sc, PortfolioConstraints.longOnly(4), 0);
        assertThat(report.get("method").asText()).isEqualTo("tangency mixed to target");
        assertThat(report.get("risklessSleeve").asText()).isEqualTo("stablecoin");
        assertThat(report.get("riskyShare").asDouble()).isCloseTo(0.4, within(1e-6));
        assertThat(report.get("risk").asDouble()).isCloseTo(target, within(1e-9));
        assertThat(report.get("riskTargetReached").asBoolean()).isTrue();
    }

    @Test
    void maxSharpe_risklessSleeveAndCvarTarget_mixHasTheTargetCvar() {
        double rf = 0.002;
        ScenarioMatrix sc = withRiskless(rf);
        double[] t = closedFormTangency(rf);
        double[] losses = THREE.portfolioLosses(t);
        double tangencyCvar = TailRisk.of(losses, 0.95).cvar();
        double target = 0.5 * tangencyCvar;
        Allocation a = ObjectiveSpec.of(Objective.MAX_SHARPE)
                .withRisk(ObjectiveSpec.RiskMeasure.CVAR)
                .withRiskTarget(target)
                .solve(sc, PortfolioConstraints.longOnly(4));
        assertThat(a.status()).isEqualTo(AllocationStatus.OPTIMAL);
        assertThat(a.cvar()).isCloseTo(target, within(1e-6));
        double alpha = 1 - a.weights()[3];
        assertThat(alpha).isCloseTo((target + rf) / (tangencyCvar + rf), within(1e-6));
        for (int i = 0; i < 3; i++) {
            assertThat(a.weights()[i] / alpha).isCloseTo(t[i], within(1e-6));
        }
    }

    @Test
    void maxSharpe_risklessSleeveTargetAboveTangencyRisk_allRiskyAndNotReached() {
        ObjectiveSpec spec = ObjectiveSpec.of(Objective.MAX_SHARPE).withRiskTarget(10.0);
        ScenarioMatrix sc = withRiskless(0.001);
        Allocation a = spec.solve(sc, PortfolioConstraints.longOnly(4));
        assertThat(a.weights()[3]).isEqualTo(0.0);
        var report = AllocationReportJson.toJson(a, spec, sc, PortfolioConstraints.longOnly(4), 0);
        assertThat(report.get("riskTargetReached").asBoolean()).isFalse();
    }

    @Test
    void kellyReport_halfKelly_investsHalfOfFullKellyRestIsCash() {
        ScenarioMatrix sc = TestScenarios.studentT(2_000, 3, 41);
        PortfolioConstraints c =
                PortfolioConstraints.longOnly(3).withBudget(Double.NaN).withLeverageCap(1.0);
        ObjectiveSpec full = ObjectiveSpec.of(Objective.KELLY).withKellyFraction(1.0);
        ObjectiveSpec half = ObjectiveSpec.of(Objective.KELLY).withKellyFraction(0.5);
        double fullInvested = AllocationReportJson.toJson(full.solve(sc, c), full, sc, c, 0)
                .get("invested")
                .asDouble();
        var halfReport = AllocationReportJson.toJson(half.solve(sc, c), half, sc, c, 0);
        assertThat(fullInvested).isGreaterThan(0.1);
        assertThat(halfReport.get("invested").asDouble()).isCloseTo(0.5 * fullInvested, within(1e-12));
        assertThat(halfReport.get("cash").asDouble()).isCloseTo(1 - 0.5 * fullInvested, within(1e-12));
    }

    @Test
    void objectiveSpec_maxIterationsOne_bundleStopsNotConvergedWithGap() {
        ScenarioMatrix sc = TestScenarios.studentT(2_000, 6, 3);
        Allocation a =
                ObjectiveSpec.of(Objective.MIN_CVAR).withMaxIterations(1).solve(sc, PortfolioConstraints.longOnly(6));
        assertThat(a.status()).isEqualTo(AllocationStatus.NOT_CONVERGED);
        assertThat(a.gap()).isGreaterThan(0);
        assertThat(ObjectiveSpec.of(Objective.MIN_CVAR)
                        .solve(sc, PortfolioConstraints.longOnly(6))
                        .status())
                .isEqualTo(AllocationStatus.OPTIMAL);
    }
}
