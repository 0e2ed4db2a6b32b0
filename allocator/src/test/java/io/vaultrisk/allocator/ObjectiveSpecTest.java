package io.vaultrisk.allocator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.vaultrisk.allocator.ObjectiveSpec.CvarSolver;
import io.vaultrisk.allocator.ObjectiveSpec.RiskMeasure;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class ObjectiveSpecTest {
    private static final ObjectiveSpec MIN_CVAR = ObjectiveSpec.of(Objective.MIN_CVAR);

    @ParameterizedTest
    @EnumSource(Objective.class)
    void fromJson_jsonName_roundTrips(Objective o) {
        assertThat(Objective.fromJson(o.jsonName())).isEqualTo(o);
        assertThat(Objective.fromJson(" " + o.jsonName().toUpperCase() + " ")).isEqualTo(o);
        assertThat(o.jsonName()).isEqualTo(o.name().toLowerCase().replace('_', '-'));
    }

    @Test
    void jsonNames_areTheDocumentedOnes() {
        assertThat(Objective.allowed()).isEqualTo("min-cvar, max-return, min-variance, max-sharpe, risk-parity, kelly");
        assertThat(RiskMeasure.fromJson("CVaR")).isEqualTo(RiskMeasure.CVAR);
        assertThat(RiskMeasure.VOLATILITY.jsonName()).isEqualTo("volatility");
        assertThat(CvarSolver.fromJson("lp")).isEqualTo(CvarSolver.LP);
        assertThat(CvarSolver.BUNDLE.jsonName()).isEqualTo("bundle");
    }

    private static Arguments bad(String field, String reason, Executable make) {
        return Arguments.of(field, reason, make);
    }

    static List<Arguments> badSpecs() {
        return List.of(
                bad(
                        "objective",
                        "unknown objective 'best' (allowed: min-cvar, max-return",
                        () -> Objective.fromJson("best")),
                bad("objective", "unknown objective 'null'", () -> Objective.fromJson(null)),
                bad("objective", "is required", () -> ObjectiveSpec.of(null)),
                bad("beta", "(0, 1), got 1.5", () -> MIN_CVAR.withBeta(1.5)),
                bad("beta", "got 0.0", () -> MIN_CVAR.withBeta(0)),
                bad("beta", "got NaN", () -> MIN_CVAR.withBeta(Double.NaN)),
                bad("targetReturn", "finite", () -> MIN_CVAR.withTargetReturn(Double.POSITIVE_INFINITY)),
                bad("cvarLimit", "finite", () -> MIN_CVAR.withCvarLimit(Double.NEGATIVE_INFINITY)),
                bad("cvarLimit", "required for objective max-return", () -> ObjectiveSpec.of(Objective.MAX_RETURN)),
                bad("riskFree", "finite", () -> MIN_CVAR.withRiskFree(Double.NaN)),
                bad("kellyFraction", "(0, 1], got 0.0", () -> MIN_CVAR.withKellyFraction(0)),
                bad("kellyFraction", "got 1.5", () -> MIN_CVAR.withKellyFraction(1.5)),
                bad("risk", "unknown risk 'beta'", () -> RiskMeasure.fromJson("beta")),
                bad("risk", "is required", () -> MIN_CVAR.withRisk(null)),
                bad("solver", "unknown solver 'simplex' (allowed: bundle, lp)", () -> CvarSolver.fromJson("simplex")),
                bad("solver", "is required", () -> MIN_CVAR.withSolver(null)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("badSpecs")
    void of_outOfLimits_throwsNamingTheParameter(String field, String reason, Executable make) {
        assertThatThrownBy(make::execute).isInstanceOfSatisfying(InvalidAllocationSpecException.class, e -> {
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.reason()).contains(reason);
            assertThat(e.getMessage()).isEqualTo(field + ": " + e.reason());
        });
    }

    @Test
    void solve_minVarianceUncorrelatedPair_inverseVarianceWeights() {
        // a = +-1 %, b = +-2 %, all four combinations: the minimum-variance weights are 4/5 and 1/5
        ScenarioMatrix sc = ScenarioMatrix.ofRows(
                List.of("a", "b"), new double[][] {{0.01, 0.02}, {0.01, -0.02}, {-0.01, 0.02}, {-0.01, -0.02}});
        Allocation a = ObjectiveSpec.of(Objective.MIN_VARIANCE).solve(sc, PortfolioConstraints.longOnly(2));
        assertThat(a.weights()).containsExactly(new double[] {0.8, 0.2}, within(1e-7));
    }
}
