package io.vaultrisk.allocator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class AllocationReportJsonTest {
    // a = +-1 %, b = +-2 %, all four combinations, equally likely
    private static final ScenarioMatrix PAIR = ScenarioMatrix.ofRows(
            List.of("a", "b"), new double[][] {{0.01, 0.02}, {0.01, -0.02}, {-0.01, 0.02}, {-0.01, -0.02}});

    @Test
    void toJson_riskParity_weightsByNameAndEqualRiskShares() {
        ObjectiveSpec spec = ObjectiveSpec.of(Objective.RISK_PARITY);
        PortfolioConstraints c = PortfolioConstraints.longOnly(2);
        Allocation a = spec.solve(PAIR, c);
        JsonNode j = AllocationReportJson.toJson(a, spec, PAIR, c, 1.5);
        assertThat(j.get("objective").asText()).isEqualTo("risk-parity");
        assertThat(j.get("status").asText()).isEqualTo("optimal");
        assertThat(j.get("scenarios").asInt()).isEqualTo(4);
        assertThat(j.get("strategies").asInt()).isEqualTo(2);
        assertThat(j.get("beta").asDouble()).isEqualTo(0.95);
        // uncorrelated: weights inverse to the volatilities 1 % and 2 %
        assertThat(j.at("/weights/0/name").asText()).isEqualTo("a");
        assertThat(j.at("/weights/0/weight").asDouble()).isCloseTo(2.0 / 3, within(1e-9));
        assertThat(j.at("/weights/1/name").asText()).isEqualTo("b");
        assertThat(j.at("/weights/1/weight").asDouble()).isCloseTo(1.0 / 3, within(1e-9));
        assertThat(j.at("/riskShares/0").asDouble()).isCloseTo(0.5, within(1e-9));
        assertThat(j.at("/riskShares/1").asDouble()).isCloseTo(0.5, within(1e-9));
        // both strategies have mean return 0
        assertThat(j.get("expectedReturn").asDouble()).isCloseTo(0.0, within(1e-12));
        assertThat(j.get("elapsedMillis").asDouble()).isEqualTo(1.5);
        assertThat(j.has("sharpe")).isFalse();
    }

    @Test
    void toJson_infeasible_statusAndReasonWithoutWeights() {
        ObjectiveSpec spec = ObjectiveSpec.of(Objective.MIN_CVAR).withTargetReturn(0.5);
        PortfolioConstraints c = PortfolioConstraints.longOnly(2);
        Allocation a = spec.solve(PAIR, c);
        JsonNode j = AllocationReportJson.toJson(a, spec, PAIR, c, 0);
        assertThat(j.get("status").asText()).isEqualTo("infeasible");
        assertThat(j.get("reason").asText()).isNotBlank();
        assertThat(j.has("weights")).isFalse();
    }
}
