package io.vaultrisk.contracts;

import io.vaultrisk.protocol.BasisPoints;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * What to deploy for a local vault: three sleeves (USDC 6 decimals, WBTC 8, WETH 18), prices in USD at which the pools
 * are seeded, the vault's starting value and weights, the pools' depth, and the vault's risk limits.
 *
 * @param btcPriceUsd WBTC pool spot price
 * @param ethPriceUsd WETH pool spot price
 * @param vaultValueUsd value minted into the vault at deployment
 * @param initialWeightsBps starting weights (USDC, WBTC, WETH), summing to 10,000
 * @param poolDepthUsd stablecoin reserve of each pool (the other side holds the same value in the asset)
 * @param capsBps per-sleeve caps (USDC, WBTC, WETH); they must add up to at least 10,000
 * @param maxTurnoverBps largest one-way turnover one rebalance may trade, in bps of the vault's value
 * @param maxSlippageBps largest shortfall of a swap's output below its value at the feed price (fee included)
 * @param safety oracle, loss, budget and timing limits
 */
public record DeploymentSpec(
        BigDecimal btcPriceUsd,
        BigDecimal ethPriceUsd,
        BigDecimal vaultValueUsd,
        List<Integer> initialWeightsBps,
        BigDecimal poolDepthUsd,
        List<Integer> capsBps,
        int maxTurnoverBps,
        int maxSlippageBps,
        SafetyLimits safety) {

    public static final List<String> SLEEVES = List.of("USDC", "WBTC", "WETH");
    public static final List<Integer> DECIMALS = List.of(6, 8, 18);

    /**
     * A $1M vault at 60/20/20, $50M pools and feeds at BTC 90,000 and ETH 3,000, caps 100/50/50 %, turnover 50 %,
     * slippage 1 %, {@link SafetyLimits#DEFAULT}.
     */
    public static final DeploymentSpec DEFAULT = of(
            new BigDecimal("90000"),
            new BigDecimal("3000"),
            new BigDecimal("1000000"),
            List.of(6000, 2000, 2000),
            new BigDecimal("50000000"),
            List.of(10_000, 5000, 5000),
            5000,
            100);

    public DeploymentSpec {
        Objects.requireNonNull(btcPriceUsd, "btcPriceUsd");
        Objects.requireNonNull(ethPriceUsd, "ethPriceUsd");
        Objects.requireNonNull(vaultValueUsd, "vaultValueUsd");
        Objects.requireNonNull(poolDepthUsd, "poolDepthUsd");
        Objects.requireNonNull(safety, "safety");
        initialWeightsBps = List.copyOf(Objects.requireNonNull(initialWeightsBps, "initialWeightsBps"));
        capsBps = List.copyOf(Objects.requireNonNull(capsBps, "capsBps"));
        positive(btcPriceUsd, "btcPriceUsd");
        positive(ethPriceUsd, "ethPriceUsd");
        positive(vaultValueUsd, "vaultValueUsd");
        positive(poolDepthUsd, "poolDepthUsd");
        if (initialWeightsBps.size() != SLEEVES.size()
                || initialWeightsBps.stream().anyMatch(w -> w < 0)
                || initialWeightsBps.stream().mapToInt(Integer::intValue).sum() != BasisPoints.TOTAL) {
            throw new IllegalArgumentException(
                    "initialWeightsBps: need 3 non-negative weights summing to 10000, got " + initialWeightsBps);
        }
        if (capsBps.size() != SLEEVES.size()
                || capsBps.stream().anyMatch(c -> c < 0 || c > BasisPoints.TOTAL)
                || capsBps.stream().mapToInt(Integer::intValue).sum() < BasisPoints.TOTAL) {
            throw new IllegalArgumentException(
                    "capsBps: need 3 caps in [0, 10000] adding up to at least 10000, got " + capsBps);
        }
        if (maxTurnoverBps <= 0 || maxTurnoverBps > BasisPoints.TOTAL) {
            throw new IllegalArgumentException("maxTurnoverBps: must be in (0, 10000], got " + maxTurnoverBps);
        }
        if (maxSlippageBps < 0 || maxSlippageBps >= BasisPoints.TOTAL) {
            throw new IllegalArgumentException("maxSlippageBps: must be in [0, 10000), got " + maxSlippageBps);
        }
        if (safety.turnoverBudgetBps() < maxTurnoverBps) {
            throw new IllegalArgumentException("safety.turnoverBudgetBps: must be >= maxTurnoverBps (" + maxTurnoverBps
                    + "), got " + safety.turnoverBudgetBps());
        }
    }

    public static DeploymentSpec of(
            BigDecimal btcPriceUsd,
            BigDecimal ethPriceUsd,
            BigDecimal vaultValueUsd,
            List<Integer> initialWeightsBps,
            BigDecimal poolDepthUsd,
            List<Integer> capsBps,
            int maxTurnoverBps,
            int maxSlippageBps) {
        return new DeploymentSpec(
                btcPriceUsd,
                ethPriceUsd,
                vaultValueUsd,
                initialWeightsBps,
                poolDepthUsd,
                capsBps,
                maxTurnoverBps,
                maxSlippageBps,
                SafetyLimits.DEFAULT);
    }

    public DeploymentSpec withPoolDepthUsd(BigDecimal depth) {
        return new DeploymentSpec(
                btcPriceUsd,
                ethPriceUsd,
                vaultValueUsd,
                initialWeightsBps,
                depth,
                capsBps,
                maxTurnoverBps,
                maxSlippageBps,
                safety);
    }

    public DeploymentSpec withSafety(SafetyLimits limits) {
        return new DeploymentSpec(
                btcPriceUsd,
                ethPriceUsd,
                vaultValueUsd,
                initialWeightsBps,
                poolDepthUsd,
                capsBps,
                maxTurnoverBps,
                maxSlippageBps,
                limits);
    }

    public DeploymentSpec withLimits(List<Integer> caps, int turnoverBps, int slippageBps) {
        return new DeploymentSpec(
                btcPriceUsd,
                ethPriceUsd,
                vaultValueUsd,
                initialWeightsBps,
                poolDepthUsd,
                caps,
                turnoverBps,
                slippageBps,
                safety);
    }

    private static void positive(BigDecimal v, String field) {
        if (v.signum() <= 0) {
            throw new IllegalArgumentException(field + ": must be > 0, got " + v);
        }
    }
}
