package io.vaultrisk.cli;

import io.vaultrisk.allocator.InvalidAllocationSpecException;
import java.util.function.Supplier;
import picocli.CommandLine.Model.CommandSpec;

/** The options of {@code vaultrisk allocate} that set each allocation spec parameter, for errors naming the flag. */
final class AllocateFlags {
    private AllocateFlags() {}

    static String flag(String field) {
        return switch (field) {
            case "objective" -> "--objective";
            case "beta" -> "--beta";
            case "targetReturn" -> "--target-return";
            case "cvarLimit" -> "--cvar-limit";
            case "riskFree" -> "--risk-free";
            case "kellyFraction" -> "--kelly-fraction";
            case "risk" -> "--risk";
            case "solver" -> "--solver";
            case "riskTarget" -> "--risk-target";
            case "maxIterations" -> "--max-iterations";
            case "horizonDays" -> "--horizon-days";
            case "paths" -> "--paths";
            case "seed" -> "--seed";
            case "impliedVolPremium" -> "--implied-vol-premium";
            case "stableYield" -> "--stable-yield";
            case "optionHalfSpread" -> "--option-half-spread";
            case "hedgeEveryHours" -> "--hedge-every-hours";
            case "hedgeInstrument" -> "--hedge-instrument";
            case "tradingFee" -> "--trading-fee";
            case "hedgeHalfSpread" -> "--hedge-half-spread";
            case "impact" -> "--impact";
            case "depth" -> "--depth";
            case "vaultCapital" -> "--vault-capital";
            case "borrowRate" -> "--borrow-rate";
            case "depegProbability" -> "--depeg-probability";
            case "depegLoss" -> "--depeg-loss";
            default -> throw new IllegalArgumentException("no option sets allocation parameter '" + field + "'");
        };
    }

    /** Builds a spec; a parameter out of its limits is a usage error naming its option. */
    static <T> T spec(CommandSpec spec, Supplier<T> build) {
        try {
            return build.get();
        } catch (InvalidAllocationSpecException e) {
            throw CliSupport.badInput(spec, flag(e.field()), e.reason());
        }
    }
}
