package io.vaultrisk.montecarlo.book;

import io.vaultrisk.basics.YearFraction;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A vault's book: its positions, the market they are valued in, and the valuation instant from which option
 * expiries and risk horizons are measured (365-day year).
 */
public record Book(String name, String quoteCurrency, Instant asOf, MarketData market, List<Position> positions) {
    public Book {
        if (name == null || name.isBlank()) {
            throw new BookFormatException(null, "name", "a book needs a non-blank name");
        }
        if (quoteCurrency == null || quoteCurrency.isBlank()) {
            quoteCurrency = "USD";
        }
        if (asOf == null) {
            throw new BookFormatException(null, "asOf", "the valuation instant is required");
        }
        if (market == null) {
            throw new BookFormatException(null, "market", "is required");
        }
        positions = List.copyOf(positions);
        Set<String> ids = new HashSet<>();
        for (Position p : positions) {
            if (!ids.add(p.id())) {
                throw new BookFormatException(p.id(), "id", "duplicate position id");
            }
            if (market.indexOf(p.underlying()) < 0) {
                throw new BookFormatException(
                        p.id(),
                        "underlying",
                        "unknown underlying '" + p.underlying() + "' (the market has "
                                + market.underlyings().stream()
                                        .map(Underlying::name)
                                        .toList() + ")");
            }
            if (p instanceof OptionPosition o && !o.expiry().isAfter(asOf)) {
                throw new BookFormatException(
                        p.id(), "expiry", "option expired at " + o.expiry() + ", not after the book's asOf " + asOf);
            }
        }
    }

    public static Book of(String name, Instant asOf, MarketData market, List<Position> positions) {
        return new Book(name, "USD", asOf, market, positions);
    }

    /** Years from asOf to {@code t} ({@link YearFraction}: ACT/365). */
    public double yearsTo(Instant t) {
        return YearFraction.between(asOf, t);
    }

    public Book withMarket(MarketData replaced) {
        return new Book(name, quoteCurrency, asOf, replaced, positions);
    }

    public Book withPositions(List<Position> replaced) {
        return new Book(name, quoteCurrency, asOf, market, replaced);
    }
}
