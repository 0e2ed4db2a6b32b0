package io.vaultrisk.allocator.strategy;

import java.util.Locale;

/**
 * A vault strategy with its parameters. Every strategy starts with one unit of capital (USD) and is valued in USD;
 * option strategies sell options by delta at the given tenor and roll them at expiry until the horizon, where open
 * options are marked to Black–Scholes.
 */
public sealed interface StrategyTemplate {

    /** A unique, readable name: family and parameters, e.g. covered-call:ETH:d0.20:14d. */
    String name();

    /** The family the parameters belong to, e.g. covered-call:ETH. */
    String family();

    /** Cash in a stablecoin earning a lending yield (continuously compounded, per year). */
    record Stablecoin(double annualYield) implements StrategyTemplate {
        public String name() {
            return "stablecoin";
        }

        public String family() {
            return "stablecoin";
        }
    }

    /** Buy and hold the underlying. */
    record Spot(String underlying) implements StrategyTemplate {
        public String name() {
            return "spot:" + underlying;
        }

        public String family() {
            return name();
        }
    }

    /** Hold the coin, sell calls struck at {@code delta} with {@code tenorDays} to expiry, roll at expiry. */
    record CoveredCall(String underlying, double delta, int tenorDays) implements StrategyTemplate {
        public CoveredCall {
            Checks.deltaAndTenor(delta, tenorDays);
        }

        public String name() {
            return String.format(Locale.ROOT, "covered-call:%s:d%.2f:%dd", underlying, delta, tenorDays);
        }

        public String family() {
            return "covered-call:" + underlying;
        }
    }

    /** Hold cash equal to the strikes, sell puts at |delta| = {@code delta}, roll at expiry. */
    record CashSecuredPut(String underlying, double delta, int tenorDays) implements StrategyTemplate {
        public CashSecuredPut {
            Checks.deltaAndTenor(delta, tenorDays);
        }

        public String name() {
            return String.format(Locale.ROOT, "cash-secured-put:%s:d%.2f:%dd", underlying, delta, tenorDays);
        }

        public String family() {
            return "cash-secured-put:" + underlying;
        }
    }

    /**
     * Sell calls (notional = capital) at {@code delta} and delta-hedge them, checking the hedge every hedge interval
     * and trading only when it is off by more than {@code hedgeBand} (in delta per option, > 0): with trading costs
     * the band trades hedging error against costs.
     */
    record DeltaHedgedShortCall(String underlying, double delta, int tenorDays, double hedgeBand)
            implements StrategyTemplate {
        public DeltaHedgedShortCall {
            Checks.deltaAndTenor(delta, tenorDays);
            if (!(hedgeBand > 0 && hedgeBand < 1)) {
                throw new IllegalArgumentException("hedgeBand must be in (0, 1) (delta per option), got " + hedgeBand);
            }
        }

        public String name() {
            return String.format(
                    Locale.ROOT, "hedged-short-call:%s:d%.2f:%dd:band%.2f", underlying, delta, tenorDays, hedgeBand);
        }

        public String family() {
            return "hedged-short-call:" + underlying;
        }
    }

    /** Shared validation. */
    final class Checks {
        private Checks() {}

        static void deltaAndTenor(double delta, int tenorDays) {
            if (!(delta > 0 && delta < 1)) {
                throw new IllegalArgumentException("delta must be in (0, 1), got " + delta);
            }
            if (tenorDays < 1 || tenorDays > 365) {
                throw new IllegalArgumentException("tenor must be 1..365 days, got " + tenorDays);
            }
        }
    }
}
