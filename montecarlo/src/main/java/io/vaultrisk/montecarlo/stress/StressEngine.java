package io.vaultrisk.montecarlo.stress;

import io.vaultrisk.basics.YearFraction;
import io.vaultrisk.kernels.ProgressSink;
import io.vaultrisk.montecarlo.book.Book;
import io.vaultrisk.montecarlo.book.PerpetualPosition;
import io.vaultrisk.montecarlo.book.Position;
import io.vaultrisk.montecarlo.book.Underlying;
import io.vaultrisk.montecarlo.compute.ComputeBackend;
import io.vaultrisk.montecarlo.risk.PerpetualMath;
import io.vaultrisk.montecarlo.risk.PositionValuer;
import io.vaultrisk.montecarlo.risk.RiskEngine;
import io.vaultrisk.montecarlo.risk.RiskMatrix;
import io.vaultrisk.montecarlo.risk.RiskReport;
import io.vaultrisk.montecarlo.risk.RiskSettings;
import io.vaultrisk.montecarlo.risk.VolScaledRiskMatrix;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Nightly stress of a book: risk matrix, scenario replays (instantaneous full revaluation), simulated P&amp;L. The
 * simulated P&amp;L runs on the {@link RiskEngine} it is given ({@link #DEFAULT}: the CPU; {@link #on}: any backend);
 * the matrix and replays are a few hundred closed-form revaluations and stay on the host.
 */
public final class StressEngine {
    public static final StressEngine DEFAULT = new StressEngine(RiskEngine.DEFAULT);
    public static final double[] SPOT_SHOCKS = {-0.5, -0.4, -0.3, -0.2, -0.1, 0, 0.1, 0.2, 0.3, 0.4, 0.5};
    public static final double[] VOL_SHOCKS = {-0.5, -0.25, 0, 0.25, 0.5, 1.0};

    private final RiskEngine risk;

    private StressEngine(RiskEngine risk) {
        this.risk = risk;
    }

    /** A stress engine whose simulated P&amp;L runs on {@code compute}. */
    public static StressEngine on(ComputeBackend compute) {
        return new StressEngine(RiskEngine.on(compute));
    }

    public StressReport run(Book book, List<Scenario> scenarios, RiskSettings settings, ProgressSink progress) {
        return report(book, scenarios, settings, risk.run(book, settings, progress));
    }

    /**
     * The stress report around a simulation already run with {@code settings} (on one machine, or on a cluster by
     * the Spark module): the risk matrices and scenario replays are instant revaluations, computed here.
     */
    public StressReport report(Book book, List<Scenario> scenarios, RiskSettings settings, RiskReport simulation) {
        RiskMatrix matrix = RiskMatrix.of(book, SPOT_SHOCKS, VOL_SHOCKS);
        VolScaledRiskMatrix scaled =
                VolScaledRiskMatrix.of(book, settings.horizonDays()[0] * YearFraction.DAY, VOL_SHOCKS);
        List<StressReport.ScenarioResult> results = new ArrayList<>();
        for (Scenario s : scenarios) {
            results.add(replay(book, s));
        }
        return new StressReport(
                book.name(), book.quoteCurrency(), simulation.bookValue(), matrix, scaled, results, simulation);
    }

    /**
     * Revalues the book instantly after the scenario's returns and vol shock; underlyings it does not name move by
     * their beta to the named ones, the worse side of a ±2 sd band for the book ({@link ScenarioProxy}).
     */
    public StressReport.ScenarioResult replay(Book book, Scenario s) {
        List<Underlying> us = book.market().underlyings();
        ScenarioProxy.Moves moves = ScenarioProxy.of(book, s);
        double[] returns = moves.returns();
        List<String> proxied = new ArrayList<>();
        Map<String, Double> proxyReturns = new LinkedHashMap<>();
        for (int u = 0; u < us.size(); u++) {
            if (!s.returns().containsKey(us.get(u).name())) {
                proxied.add(us.get(u).name());
                proxyReturns.put(us.get(u).name(), returns[u]);
            }
        }
        Map<String, Double> perPosition = new LinkedHashMap<>();
        List<String> liquidated = new ArrayList<>();
        double total = 0;
        for (Position p : book.positions()) {
            int u = book.market().indexOf(p.underlying());
            double shocked = us.get(u).spot() * (1 + returns[u]);
            double pnl = PositionValuer.DEFAULT.valueShocked(book, p, shocked, 1 + s.volShock())
                    - PositionValuer.DEFAULT.value(book, p);
            perPosition.put(p.id(), pnl);
            total += pnl;
            if (p instanceof PerpetualPosition pp && PerpetualMath.isLiquidated(pp, shocked)) {
                liquidated.add(p.id());
            }
        }
        return new StressReport.ScenarioResult(s, total, perPosition, proxied, proxyReturns, liquidated);
    }
}
