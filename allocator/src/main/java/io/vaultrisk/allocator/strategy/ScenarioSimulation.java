package io.vaultrisk.allocator.strategy;

import io.vaultrisk.allocator.InvalidAllocationSpecException;
import io.vaultrisk.allocator.ScenarioMatrix;
import io.vaultrisk.montecarlo.book.Book;
import io.vaultrisk.montecarlo.book.MarketData;
import io.vaultrisk.montecarlo.book.PerpetualPosition;
import io.vaultrisk.montecarlo.book.Position;
import io.vaultrisk.montecarlo.compute.ComputeBackend;
import io.vaultrisk.montecarlo.risk.MarketPaths;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * How strategy scenarios are simulated from a book's market, with the limits the CLI and the service share.
 *
 * @param horizonDays       horizon of the returns, whole days
 * @param paths             simulated paths, one scenario each
 * @param seed              seed of the paths
 * @param impliedVolPremium without a surface, options trade at model vol × (1 + premium); default 0 (no edge)
 * @param stableYield       what cash earns per year, decimal: the stablecoin sleeve and the cash in every strategy
 * @param optionHalfSpread  half the options' bid–ask spread in vol points (sell at mid − it, buy at mid + it)
 * @param hedgeEveryHours   how often delta hedges are checked (a divisor or multiple of 24)
 * @param hedgeInstrument   "perp" (the book's funding model) or "spot"
 * @param tradingFee        exchange fee per unit of hedge notional
 * @param hedgeHalfSpread   half-spread per unit of hedge notional
 * @param impact            price impact of hedge trades: "sqrt" (order book), "amm" (constant product) or "none"
 * @param depth             USD: the daily volume (sqrt) or the pool's size (amm)
 * @param vaultCapital      the vault's capital in USD, which sizes the trades for impact
 * @param borrowRate        rate on negative cash per year; NaN forbids borrowing
 * @param depegProbability  chance per year of a stablecoin depeg
 * @param depegLoss         the share of its cash the vault loses in a depeg
 */
public record ScenarioSimulation(
        int horizonDays,
        int paths,
        long seed,
        double impliedVolPremium,
        double stableYield,
        double optionHalfSpread,
        int hedgeEveryHours,
        String hedgeInstrument,
        double tradingFee,
        double hedgeHalfSpread,
        String impact,
        double depth,
        double vaultCapital,
        double borrowRate,
        double depegProbability,
        double depegLoss)
        implements Serializable {
    private static final long serialVersionUID = 1L;
    public static final int MAX_HORIZON_DAYS = 365;
    public static final int MIN_PATHS = 100;
    /** Paths × strategies doubles are held at once: a million paths of the default universe is about 300 MB. */
    public static final int MAX_PATHS = 1_000_000;

    public static final int DEFAULT_HORIZON_DAYS = 30;
    public static final int DEFAULT_PATHS = 20_000;
    public static final long DEFAULT_SEED = 1;
    public static final double DEFAULT_IMPLIED_VOL_PREMIUM = 0.0;
    public static final double DEFAULT_STABLE_YIELD = 0.05;
    public static final double DEFAULT_OPTION_HALF_SPREAD = 0.005;
    public static final int DEFAULT_HEDGE_EVERY_HOURS = 24;
    public static final String DEFAULT_HEDGE_INSTRUMENT = "perp";
    public static final double DEFAULT_TRADING_FEE = 0.0005;
    public static final double DEFAULT_HEDGE_HALF_SPREAD = 0.0001;
    public static final String DEFAULT_IMPACT = "sqrt";
    public static final double DEFAULT_DEPTH = 1e9;
    public static final double DEFAULT_VAULT_CAPITAL = 1e7;
    public static final double DEFAULT_BORROW_RATE = Double.NaN;
    public static final double DEFAULT_DEPEG_PROBABILITY = 0.02;
    public static final double DEFAULT_DEPEG_LOSS = 0.1;
    /**
     * A perpetual hedge's isolated margin, fractions of its notional: 5× leverage, liquidated at 5% maintenance (a
     * fall of about 16% between two hedge checks, which restore the margin).
     */
    public static final StrategyAssumptions.PerpMargin DEFAULT_PERP_MARGIN =
            new StrategyAssumptions.PerpMargin(0.2, 0.05);

    public ScenarioSimulation {
        if (horizonDays < 1 || horizonDays > MAX_HORIZON_DAYS) {
            throw new InvalidAllocationSpecException(
                    "horizonDays", "must be a whole number of days in 1.." + MAX_HORIZON_DAYS + ", got " + horizonDays);
        }
        if (paths < MIN_PATHS || paths > MAX_PATHS) {
            throw new InvalidAllocationSpecException(
                    "paths", "must be a whole number in " + MIN_PATHS + ".." + MAX_PATHS + ", got " + paths);
        }
        if (!(impliedVolPremium > -1 && impliedVolPremium < 10)) {
            throw new InvalidAllocationSpecException(
                    "impliedVolPremium", "must be in (-1, 10), got " + impliedVolPremium);
        }
        if (!(Math.abs(stableYield) < 1)) {
            throw new InvalidAllocationSpecException("stableYield", "must be a decimal in (-1, 1), got " + stableYield);
        }
        check(
                optionHalfSpread >= 0 && optionHalfSpread < 0.5,
                "optionHalfSpread",
                "vol points in [0, 0.5)",
                optionHalfSpread);
        if (!(hedgeEveryHours > 0 && (24 % hedgeEveryHours == 0 || hedgeEveryHours % 24 == 0))) {
            throw new InvalidAllocationSpecException(
                    "hedgeEveryHours", "must divide 24 or be a multiple of 24, got " + hedgeEveryHours);
        }
        if (!"perp".equals(hedgeInstrument) && !"spot".equals(hedgeInstrument)) {
            throw new InvalidAllocationSpecException("hedgeInstrument", "must be perp or spot, got " + hedgeInstrument);
        }
        check(tradingFee >= 0 && tradingFee < 0.1, "tradingFee", "a decimal in [0, 0.1)", tradingFee);
        check(
                hedgeHalfSpread >= 0 && hedgeHalfSpread < 0.1,
                "hedgeHalfSpread",
                "a decimal in [0, 0.1)",
                hedgeHalfSpread);
        if (!"sqrt".equals(impact) && !"amm".equals(impact) && !"none".equals(impact)) {
            throw new InvalidAllocationSpecException("impact", "must be sqrt, amm or none, got " + impact);
        }
        check(depth > 0 && depth < Double.POSITIVE_INFINITY, "depth", "positive USD", depth);
        check(
                vaultCapital > 0 && vaultCapital < Double.POSITIVE_INFINITY,
                "vaultCapital",
                "positive USD",
                vaultCapital);
        if (!Double.isNaN(borrowRate)) {
            check(
                    borrowRate >= 0 && borrowRate < 1,
                    "borrowRate",
                    "a decimal in [0, 1) or NaN (forbidden)",
                    borrowRate);
        }
        check(depegProbability >= 0 && depegProbability <= 1, "depegProbability", "in [0, 1]", depegProbability);
        check(depegLoss >= 0 && depegLoss <= 1, "depegLoss", "in [0, 1]", depegLoss);
    }

    /** The first five parameters with every cost and capital assumption at its default. */
    public ScenarioSimulation(int horizonDays, int paths, long seed, double impliedVolPremium, double stableYield) {
        this(
                horizonDays,
                paths,
                seed,
                impliedVolPremium,
                stableYield,
                DEFAULT_OPTION_HALF_SPREAD,
                DEFAULT_HEDGE_EVERY_HOURS,
                DEFAULT_HEDGE_INSTRUMENT,
                DEFAULT_TRADING_FEE,
                DEFAULT_HEDGE_HALF_SPREAD,
                DEFAULT_IMPACT,
                DEFAULT_DEPTH,
                DEFAULT_VAULT_CAPITAL,
                DEFAULT_BORROW_RATE,
                DEFAULT_DEPEG_PROBABILITY,
                DEFAULT_DEPEG_LOSS);
    }

    private static void check(boolean ok, String field, String what, double got) {
        if (!ok) {
            throw new InvalidAllocationSpecException(field, "must be " + what + ", got " + got);
        }
    }

    /** The defaults: 30 days, 20,000 paths, seed 1, no vol premium, cash at 5%, and the default costs. */
    public static ScenarioSimulation defaults() {
        return new ScenarioSimulation(
                DEFAULT_HORIZON_DAYS, DEFAULT_PATHS, DEFAULT_SEED, DEFAULT_IMPLIED_VOL_PREMIUM, DEFAULT_STABLE_YIELD);
    }

    /** The stated assumptions, with the perpetual funding of {@code funding} (see {@link #funding(Book)}). */
    public StrategyAssumptions assumptions(Map<String, StrategyAssumptions.PerpFunding> funding) {
        ImpactModel model = switch (impact) {
            case "amm" -> new ImpactModel.ConstantProduct(depth);
            case "sqrt" -> new ImpactModel.SquareRoot(depth);
            default -> ImpactModel.NONE;
        };
        double horizonProbability =
                -Math.expm1(Math.log1p(-Math.min(depegProbability, 1 - 1e-12)) * horizonDays / 365.0);
        return new StrategyAssumptions(
                impliedVolPremium,
                optionHalfSpread,
                hedgeEveryHours,
                HedgeInstrument.fromJson(hedgeInstrument),
                new TradingCost(tradingFee, hedgeHalfSpread, model, vaultCapital),
                stableYield,
                borrowRate,
                new DepegScenario(depegProbability >= 1 ? 1 : horizonProbability, depegLoss),
                funding,
                DEFAULT_PERP_MARGIN);
    }

    /** Per underlying, the funding of the book's first perpetual on it. */
    public static Map<String, StrategyAssumptions.PerpFunding> funding(Book book) {
        Map<String, StrategyAssumptions.PerpFunding> out = new LinkedHashMap<>();
        for (Position p : book.positions()) {
            if (p instanceof PerpetualPosition perp) {
                out.putIfAbsent(
                        perp.underlying(),
                        new StrategyAssumptions.PerpFunding(perp.funding(), perp.fundingIntervalHours()));
            }
        }
        return out;
    }

    /** The templates' returns with their P&L split, on one set of paths of {@code market}. */
    public StrategyScenarios run(
            MarketData market, Map<String, StrategyAssumptions.PerpFunding> funding, List<StrategyTemplate> templates) {
        return run(market, funding, templates, ComputeBackend.CPU, w -> {});
    }

    /** The same with the paths on {@code compute}; fallback warnings go to {@code warnings}. */
    public StrategyScenarios run(
            MarketData market,
            Map<String, StrategyAssumptions.PerpFunding> funding,
            List<StrategyTemplate> templates,
            ComputeBackend compute,
            Consumer<String> warnings) {
        return StrategySimulator.DEFAULT.simulate(
                market, templates, assumptions(funding), horizonDays, paths, seed, compute, warnings);
    }

    /**
     * Rows [first, first + count) of the matrix {@link #run} makes ({@code first} a multiple of the 4,096-path
     * block), the same bits: one part of a matrix produced across machines.
     */
    public double[][] rows(
            MarketData market,
            Map<String, StrategyAssumptions.PerpFunding> funding,
            List<StrategyTemplate> templates,
            ComputeBackend compute,
            Consumer<String> warnings,
            long first,
            int count) {
        return StrategySimulator.DEFAULT.rows(
                market, templates, assumptions(funding), horizonDays, paths, seed, compute, warnings, first, count);
    }

    /** The templates' simple returns over the horizon, simulated on one set of paths of {@code market}. */
    public ScenarioMatrix simulate(MarketData market, List<StrategyTemplate> templates) {
        return run(market, Map.of(), templates).matrix();
    }

    /** One line per assumption, for reports. */
    public static List<String> describe(StrategyAssumptions a, MarketData market) {
        boolean surface = market.underlyings().stream().anyMatch(u -> u.surface() != null);
        return List.of(
                String.format(
                        Locale.ROOT,
                        "options: %s; sold at mid - %.2f vol points, bought at mid + %.2f",
                        surface
                                ? "priced on the book's surface at their own strike and tenor (underlyings without "
                                        + "one: model vol x " + (1 + a.volRiskPremium()) + ")"
                                : String.format(
                                        Locale.ROOT,
                                        "priced at model vol x (1 + %.3f vol risk premium)",
                                        a.volRiskPremium()),
                        100 * a.optionHalfSpread(),
                        100 * a.optionHalfSpread()),
                paths(market),
                String.format(
                        Locale.ROOT,
                        "hedge: %s checked every %dh; fee %.2f bp, half-spread %.2f bp, impact %s, vault %.0f USD%s",
                        a.hedgeInstrument().jsonName(),
                        a.hedgeEveryHours(),
                        1e4 * a.tradingCost().feeRate(),
                        1e4 * a.tradingCost().halfSpread(),
                        a.tradingCost().impact().describe(),
                        a.tradingCost().vaultCapitalUsd(),
                        a.hedgeInstrument() == HedgeInstrument.PERP
                                ? (a.funding().isEmpty()
                                                ? "; no perpetual in the book: funding 0"
                                                : "; funding from the book's perpetuals")
                                        + margin(a.perpMargin())
                                : ""),
                String.format(
                        Locale.ROOT,
                        "cash: earns %.2f%%/yr everywhere; borrowing %s; depeg: %.2f%% chance over the horizon of "
                                + "losing %.0f%% of cash",
                        100 * a.cashRate(),
                        a.borrowingAllowed()
                                ? String.format(Locale.ROOT, "at %.2f%%/yr", 100 * a.borrowRate())
                                : "forbidden",
                        100 * a.depeg().probability(),
                        100 * a.depeg().loss()));
    }

    /** The margin of a perpetual hedge, for the hedge line. */
    private static String margin(StrategyAssumptions.PerpMargin m) {
        if (!m.isOn()) {
            return "; margin not modelled (settled in cash, never liquidated)";
        }
        return String.format(
                Locale.ROOT,
                "; isolated margin %.0f%% of notional restored at each check (capital includes it), liquidated at "
                        + "%.0f%% maintenance (continuous monitoring)",
                100 * m.initial(),
                100 * m.maintenance());
    }

    /** What the paths simulate, per underlying (each strategy's line in the report says the same for its own). */
    private static String paths(MarketData market) {
        List<String> parts = new java.util.ArrayList<>();
        for (int u = 0; u < market.size(); u++) {
            parts.add(market.underlyings().get(u).name() + ": " + MarketPaths.describe(market, u));
        }
        return "paths: one set for every strategy, the book's market; " + String.join("; ", parts);
    }

    /**
     * The same on {@code compute}, with the backend and device that ran the paths; fallback warnings go to
     * {@code warnings}.
     */
    public StrategySimulator.Simulated simulate(
            MarketData market, List<StrategyTemplate> templates, ComputeBackend compute, Consumer<String> warnings) {
        StrategyScenarios s = run(market, Map.of(), templates, compute, warnings);
        return new StrategySimulator.Simulated(s.matrix(), s.backend(), s.device());
    }
}
