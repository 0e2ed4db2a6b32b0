package io.vaultrisk.service.signing;

import io.vaultrisk.allocator.strategy.StrategyNames;
import io.vaultrisk.allocator.strategy.StrategySimulator;
import io.vaultrisk.montecarlo.book.MarketData;
import io.vaultrisk.montecarlo.book.Underlying;
import io.vaultrisk.protocol.Allocation;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The reference prices an allocation is signed with: per sleeve the price of its underlying that the weights were
 * computed on, USD per whole unit times 1e18 (the sleeve without an underlying, the stablecoin, at 1e18). The vault
 * refuses the allocation when a feed has left them by more than its {@code maxReferenceDeviationBps}.
 *
 * @param pricesX18 one per sleeve, or empty when the signer saw no price for some sleeve (weights given by hand)
 * @param source where they came from: {@code market-feed} (the service's {@code POST /api/v1/market/prices} ticks),
 *     {@code book-spot} (the spots of the book the allocation was computed from), {@code book-spot+market-feed} (some
 *     of each), or {@code none}; shown next to the allocation, not signed
 */
public record ReferencePrices(List<BigInteger> pricesX18, String source) {

    public static final String MARKET_FEED = "market-feed";
    public static final String BOOK_SPOT = "book-spot";
    public static final ReferencePrices NONE = new ReferencePrices(List.of(), "none");

    public ReferencePrices {
        pricesX18 = List.copyOf(pricesX18);
    }

    /**
     * Prices for sleeves whose underlyings are {@code sleeveUnderlyings} ("" for the stablecoin), from {@code spots}
     * (USD per unit) tagged by {@code sources} ({@link #MARKET_FEED} or {@link #BOOK_SPOT} per underlying); {@link
     * #NONE} when a sleeve's underlying has no positive finite spot, since a partial list would be refused on chain.
     */
    public static ReferencePrices of(
            List<String> sleeveUnderlyings, Map<String, Double> spots, Map<String, String> sources) {
        List<BigInteger> out = new ArrayList<>();
        java.util.Set<String> used = new java.util.TreeSet<>();
        for (String u : sleeveUnderlyings) {
            if (u == null || u.isEmpty()) {
                out.add(Allocation.PRICE_ONE);
                continue;
            }
            Double spot = spots.get(u);
            if (spot == null || !Double.isFinite(spot) || spot <= 0) {
                return NONE;
            }
            // the decimal the double prints as, so that 90000.5 signs as 90000.5e18 and not its binary neighbour
            out.add(BigDecimal.valueOf(spot)
                    .movePointRight(18)
                    .setScale(0, RoundingMode.HALF_EVEN)
                    .toBigIntegerExact());
            used.add(sources.getOrDefault(u, MARKET_FEED));
        }
        if (used.isEmpty()) {
            return NONE; // only the stablecoin: nothing for the vault to check
        }
        return new ReferencePrices(out, String.join("+", used));
    }

    /**
     * The spots of {@code market} (a book's) for sleeves named by strategy templates ({@code stablecoin}, {@code
     * spot:ETH}, {@code covered-call:ETH:…}, …), tagged {@link #BOOK_SPOT}; {@link #NONE} when a name does not parse.
     */
    public static ReferencePrices fromBook(List<String> strategies, MarketData market) {
        List<String> underlyings = new ArrayList<>();
        for (String name : strategies) {
            try {
                String u = StrategySimulator.underlying(StrategyNames.parse(name, market, 0));
                underlyings.add(u == null ? "" : u);
            } catch (IllegalArgumentException e) {
                return NONE;
            }
        }
        Map<String, Double> spots = new java.util.HashMap<>();
        Map<String, String> sources = new java.util.HashMap<>();
        for (Underlying u : market.underlyings()) {
            spots.put(u.name(), u.spot());
            sources.put(u.name(), BOOK_SPOT);
        }
        return of(underlyings, spots, sources);
    }
}
