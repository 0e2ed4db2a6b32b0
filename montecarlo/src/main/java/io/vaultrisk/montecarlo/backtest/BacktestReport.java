package io.vaultrisk.montecarlo.backtest;

import java.time.LocalDate;
import java.util.List;

/**
 * A VaR backtest: per day the VaR the model gave with data up to that day and the P&amp;L realised over the horizon
 * (losses positive in VaR, P&amp;L signed), the exception count and its tests. {@code backend} and {@code device}
 * name what ran the Monte Carlo VaR (the CPU's host for filtered historical simulation).
 */
public record BacktestReport(
        String book,
        String quoteCurrency,
        BacktestSpec spec,
        LocalDate start,
        LocalDate end,
        int observations,
        int exceptions,
        CoverageTests.Statistic kupiec,
        CoverageTests.Statistic christoffersen,
        String trafficLight,
        List<Day> days,
        List<String> notes,
        double elapsedMillis,
        String backend,
        String device) {
    public BacktestReport {
        days = List.copyOf(days);
        notes = List.copyOf(notes);
    }

    /** One observation: the VaR at {@code date} for the horizon and the P&amp;L to {@code date + horizon}. */
    public record Day(LocalDate date, double value, double var, double pnl, boolean exception) {}

    public double exceptionRate() {
        return observations == 0 ? 0 : (double) exceptions / observations;
    }

    public double expectedRate() {
        return 1 - spec.confidence();
    }
}
