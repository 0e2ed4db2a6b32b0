package io.vaultrisk.allocator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MeanCvarTest {

    /** A mean 5%, B mean 0; w = (a, 1 − a) has losses 0.1 − 0.3a and 0.2a − 0.1, each in half the scenarios. */
    private static final ScenarioMatrix HAND = ScenarioMatrix.ofRows(
            List.of("A", "B"), new double[][] {{0.2, -0.1}, {-0.1, 0.1}, {0.2, -0.1}, {-0.1, 0.1}});

    private static final PortfolioConstraints LONG_ONLY = PortfolioConstraints.longOnly(2);

    static Stream<MeanCvarSolver> solvers() {
        return Stream.of(DirectCvarLp.DEFAULT, CvarBundleSolver.DEFAULT);
    }

    @ParameterizedTest
    @MethodSource("solvers")
    void solve_minCvarNoTarget_zeroSpreadPortfolio(MeanCvarSolver solver) {
        // CVaR at β = 0.5 is max(0.1 − 0.3a, 0.2a − 0.1), least where equal: a = 0.4, CVaR = −0.02
        Allocation a = solver.solve(MeanCvarProblem.minCvar(HAND, 0.5, LONG_ONLY, Double.NaN));
        assertThat(a.status()).isEqualTo(AllocationStatus.OPTIMAL);
        assertThat(a.weights()).containsExactly(new double[] {0.4, 0.6}, within(1e-8));
        assertThat(a.cvar()).isCloseTo(-0.02, within(1e-9));
        assertThat(a.expectedReturn()).isCloseTo(0.02, within(1e-9));
    }

    @ParameterizedTest
    @MethodSource("solvers")
    void solve_minCvarBindingTarget_cvarOnUpperPiece(MeanCvarSolver solver) {
        // target 3% needs a ≥ 0.6, where CVaR = 0.2a − 0.1 = 0.02
        Allocation a = solver.solve(MeanCvarProblem.minCvar(HAND, 0.5, LONG_ONLY, 0.03));
        assertThat(a.weights()).containsExactly(new double[] {0.6, 0.4}, within(1e-8));
        assertThat(a.cvar()).isCloseTo(0.02, within(1e-9));
    }

    @ParameterizedTest
    @MethodSource("solvers")
    void solve_maxReturnUnderLimit_limitBinds(MeanCvarSolver solver) {
        Allocation a = solver.solve(MeanCvarProblem.maxReturn(HAND, 0.5, LONG_ONLY, 0.02));
        assertThat(a.status()).isEqualTo(AllocationStatus.OPTIMAL);
        assertThat(a.weights()).containsExactly(new double[] {0.6, 0.4}, within(1e-8));
        assertThat(a.expectedReturn()).isCloseTo(0.03, within(1e-9));
    }

    @ParameterizedTest
    @MethodSource("solvers")
    void solve_targetAboveBestAsset_infeasibleWithReason(MeanCvarSolver solver) {
        Allocation a = solver.solve(MeanCvarProblem.minCvar(HAND, 0.5, LONG_ONLY, 0.06));
        assertThat(a.status()).isEqualTo(AllocationStatus.INFEASIBLE);
        assertThat(a.reason())
                .isEqualTo(
                        "target return 0.0600000 is above the highest expected return 0.0500000 reachable under the constraints");
        assertThat(a.hasWeights()).isFalse();
    }

    @ParameterizedTest
    @MethodSource("solvers")
    void solve_limitBelowMinimumCvar_infeasibleWithReason(MeanCvarSolver solver) {
        Allocation a = solver.solve(MeanCvarProblem.maxReturn(HAND, 0.5, LONG_ONLY, -0.03));
        assertThat(a.status()).isEqualTo(AllocationStatus.INFEASIBLE);
        assertThat(a.reason()).startsWith("CVaR limit -0.0300000 is below the lowest CVaR -0.0200000");
    }

    @ParameterizedTest
    @MethodSource("solvers")
    void solve_clashingBounds_infeasibleConstraints(MeanCvarSolver solver) {
        PortfolioConstraints c = LONG_ONLY.withBounds(new double[] {0, 0}, new double[] {0.3, 0.3});
        Allocation a = solver.solve(MeanCvarProblem.minCvar(HAND, 0.5, c, Double.NaN));
        assertThat(a.status()).isEqualTo(AllocationStatus.INFEASIBLE);
        assertThat(a.reason()).startsWith("the constraints admit no weights");
    }

    static Stream<Arguments> randomInstances() {
        return Stream.of(
                // S chosen so that (1 − β)·S is fractional in some: 0.05 · 510 = 25.5
                Arguments.of(400, 6, 0.95, 11L, "plain"),
                Arguments.of(510, 8, 0.95, 12L, "plain"),
                Arguments.of(333, 7, 0.9, 13L, "bounds+group"),
                Arguments.of(450, 6, 0.95, 14L, "turnover+cost"),
                Arguments.of(300, 5, 0.97, 15L, "shorts+leverage+margin"));
    }

    private static PortfolioConstraints constraints(String kind, int n) {
        PortfolioConstraints c = PortfolioConstraints.longOnly(n);
        double[] lower = new double[n];
        double[] upper = new double[n];
        java.util.Arrays.fill(upper, 0.4);
        switch (kind) {
            case "bounds+group":
                return c.withBounds(lower, upper).withGroups(List.of(GroupCap.of("first3", 0.5, 0, 1, 2)));
            case "turnover+cost": {
                double[] current = new double[n];
                current[0] = 0.7;
                current[1] = 0.3;
                return c.withTurnover(current, 0.8, 0.002);
            }
            case "shorts+leverage+margin": {
                java.util.Arrays.fill(lower, -0.5);
                java.util.Arrays.fill(upper, 1.0);
                double[] margin = new double[n];
                java.util.Arrays.fill(margin, 0.2);
                margin[0] = 0.5;
                return c.withBounds(lower, upper).withLeverageCap(1.6).withMargin(margin, 0.35);
            }
            default:
                return c;
        }
    }

    @ParameterizedTest
    @MethodSource("randomInstances")
    void bundle_randomMinCvar_equalsDirectLp(int s, int n, double beta, long seed, String kind) {
        ScenarioMatrix sc = TestScenarios.studentT(s, n, seed);
        PortfolioConstraints c = constraints(kind, n);
        double target = midReturn(sc, c);
        MeanCvarProblem problem = MeanCvarProblem.minCvar(sc, beta, c, target);
        Allocation lp = DirectCvarLp.DEFAULT.solve(problem);
        Allocation bundle = CvarBundleSolver.DEFAULT.solve(problem);
        assertThat(lp.status()).isEqualTo(AllocationStatus.OPTIMAL);
        assertThat(bundle.status()).isEqualTo(AllocationStatus.OPTIMAL);
        assertThat(bundle.cvar()).isCloseTo(lp.cvar(), within(1e-6));
        assertThat(bundle.expectedReturn()).isGreaterThanOrEqualTo(target - 1e-9);
        assertThat(bundle.weights()).containsExactly(lp.weights(), within(1e-4));
    }

    @ParameterizedTest
    @MethodSource("randomInstances")
    void bundle_randomMaxReturn_equalsDirectLp(int s, int n, double beta, long seed, String kind) {
        ScenarioMatrix sc = TestScenarios.studentT(s, n, seed);
        PortfolioConstraints c = constraints(kind, n);
        Allocation least = DirectCvarLp.DEFAULT.solve(MeanCvarProblem.minCvar(sc, beta, c, Double.NaN));
        double limit = least.cvar() + 0.02;
        MeanCvarProblem problem = MeanCvarProblem.maxReturn(sc, beta, c, limit);
        Allocation lp = DirectCvarLp.DEFAULT.solve(problem);
        Allocation bundle = CvarBundleSolver.DEFAULT.solve(problem);
        assertThat(bundle.status()).isEqualTo(AllocationStatus.OPTIMAL);
        assertThat(bundle.cvar()).isLessThanOrEqualTo(limit + 1e-12);
        assertThat(bundle.cvar()).isCloseTo(lp.cvar(), within(1e-6));
        assertThat(bundle.expectedReturn()).isCloseTo(lp.expectedReturn(), within(1e-7));
    }

    /** A binding target: halfway between the minimum-CVaR portfolio's return and the best reachable. */
    private static double midReturn(ScenarioMatrix sc, PortfolioConstraints c) {
        Allocation least = CvarBundleSolver.DEFAULT.solve(MeanCvarProblem.minCvar(sc, 0.95, c, Double.NaN));
        double best = Feasibility.maxReturn(sc.means(), c);
        return 0.5 * (least.expectedReturn() + best);
    }

    @Test
    void bundle_largerInstance_fewIterations() {
        ScenarioMatrix sc = TestScenarios.studentT(5_000, 20, 99);
        Allocation a = CvarBundleSolver.DEFAULT.solve(
                MeanCvarProblem.minCvar(sc, 0.95, PortfolioConstraints.longOnly(20), 0.011));
        assertThat(a.status()).isEqualTo(AllocationStatus.OPTIMAL);
        assertThat(a.gap()).isLessThan(1e-9);
        assertThat(a.iterations()).isLessThan(200);
    }
}
