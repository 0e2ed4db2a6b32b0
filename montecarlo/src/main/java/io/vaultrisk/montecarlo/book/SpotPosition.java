package io.vaultrisk.montecarlo.book;

/** Coins held outright. A vault cannot hold a negative amount of a coin: shorts are expressed with perpetuals. */
public record SpotPosition(String id, String underlying, double quantity) implements Position {
    public SpotPosition {
        BookChecks.id(id);
        BookChecks.require(
                quantity >= 0 && Double.isFinite(quantity),
                id,
                "quantity",
                "must be zero or positive for a spot holding (short with a perpetual), got " + quantity);
    }

    public static SpotPosition of(String id, String underlying, double quantity) {
        return new SpotPosition(id, underlying, quantity);
    }

    @Override
    public String type() {
        return "spot";
    }
}
