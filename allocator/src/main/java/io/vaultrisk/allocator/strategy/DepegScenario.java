package io.vaultrisk.allocator.strategy;

/**
 * A stablecoin depeg: with {@code probability} over the horizon (independent of the coins' paths), every positive
 * cash balance the vault holds at the horizon (the stablecoin sleeve and the cash inside the option strategies, which
 * is held in the same stablecoin) loses {@code loss} of its value.
 */
public record DepegScenario(double probability, double loss) {
    public static final DepegScenario NONE = new DepegScenario(0, 0);

    public DepegScenario {
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("depeg probability must be in [0, 1], got " + probability);
        }
        if (!(loss >= 0 && loss <= 1)) {
            throw new IllegalArgumentException("depeg loss must be in [0, 1], got " + loss);
        }
    }

    public boolean isOn() {
        return probability > 0 && loss > 0;
    }
}
