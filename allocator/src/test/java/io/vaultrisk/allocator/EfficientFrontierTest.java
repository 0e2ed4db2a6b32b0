package io.vaultrisk.allocator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class EfficientFrontierTest {

    @Test
    void trace_randomScenarios_monotoneAndEqualToLpPoints() {
        ScenarioMatrix sc = TestScenarios.studentT(400, 5, 31);
        PortfolioConstraints c = PortfolioConstraints.longOnly(5);
        EfficientFrontier f = EfficientFrontier.trace(sc, 0.95, c, 6);
        List<Allocation> pts = f.points();
        assertThat(pts).hasSize(6);
        for (int k = 1; k < pts.size(); k++) {
            // along the frontier more return costs more tail risk, and CVaR is convex in the target
            assertThat(pts.get(k).expectedReturn()).isGreaterThan(pts.get(k - 1).expectedReturn());
            assertThat(pts.get(k).cvar()).isGreaterThanOrEqualTo(pts.get(k - 1).cvar() - 1e-9);
        }
        for (int k = 1; k < pts.size() - 1; k++) {
            assertThat(pts.get(k).cvar())
                    .isLessThanOrEqualTo(
                            0.5 * (pts.get(k - 1).cvar() + pts.get(k + 1).cvar()) + 1e-9);
        }
        Allocation mid = pts.get(3);
        Allocation lp = DirectCvarLp.DEFAULT.solve(MeanCvarProblem.minCvar(sc, 0.95, c, mid.expectedReturn() - 1e-12));
        assertThat(mid.cvar()).isCloseTo(lp.cvar(), within(1e-6));
        // the top point holds the best strategy alone
        double best = sc.means()[0];
        for (double m : sc.means()) {
            best = Math.max(best, m);
        }
        assertThat(pts.get(5).expectedReturn()).isCloseTo(best, within(1e-9));
    }

    @Test
    void html_selfContained_svgAndNames() {
        ScenarioMatrix sc = TestScenarios.studentT(300, 3, 32);
        EfficientFrontier f = EfficientFrontier.trace(sc, 0.95, PortfolioConstraints.longOnly(3), 4);
        String html = FrontierChart.html(f, 0.95, "Frontier <test>");
        assertThat(html)
                .startsWith("<!DOCTYPE html>")
                .contains("<svg", "<polyline", "v0", "v2", "Frontier &lt;test&gt;");
        assertThat(html).doesNotContain("<script", "http://cdn", "https://");
    }
}
