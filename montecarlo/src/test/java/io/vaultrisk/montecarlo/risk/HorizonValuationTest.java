package io.vaultrisk.montecarlo.risk;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultrisk.montecarlo.book.Book;
import io.vaultrisk.montecarlo.book.BookReader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class HorizonValuationTest {

    @Test
    void positionValue_tabulatedOnLogSpotGrid_matchesExactRevaluationToOneCentPerMillion() {
        Book book = BookReader.DEFAULT.read(Path.of("../examples/books/eth-vault.json"));
        SimulationPlan plan = new SimulationPlan(book, RiskSettings.of(5000, 4, new int[] {1, 7}, new double[] {0.95}));
        BookSimulator.Output out = BookSimulator.run(plan, 1, n -> {});
        int gridded = 0;
        for (int h = 0; h < 2; h++) {
            HorizonValuation hv = new HorizonValuation(plan, out, h);
            for (int i = 0; i < book.positions().size(); i++) {
                if (hv.isPerpetual(i)) {
                    continue;
                }
                gridded += hv.isGridded(i) ? 1 : 0;
                double[] s = out.obs()[hv.observation(i)];
                double worst = 0;
                for (int k = 0; k < s.length; k++) {
                    worst = Math.max(worst, Math.abs(hv.positionValue(i, out, k) - hv.exactValue(i, s[k], 0.0)));
                }
                // positions are worth up to ~4e5 USD: 1e-8 relative of that is well under a cent
                assertThat(worst)
                        .as("position %s horizon %d", book.positions().get(i).id(), h)
                        .isLessThan(1e-3);
            }
        }
        assertThat(gridded).isGreaterThan(6);
    }

    @Test
    void expiryInsideHorizon_settlesAtTheSpotOfItsExpiryStep() {
        Book book = BookReader.DEFAULT.read(Path.of("../examples/books/eth-vault.json"));
        SimulationPlan plan = new SimulationPlan(book, RiskSettings.of(1000, 4, new int[] {7}, new double[] {0.95}));
        // the weekly put expires after 2 days: 48 steps at 24 per day
        assertThat(plan.expiryObservation).hasSize(1);
        assertThat(plan.obsStep[plan.expiryObservation.values().iterator().next()])
                .isEqualTo(48);
    }
}
