package io.vaultrisk.montecarlo.risk;

import io.vaultrisk.montecarlo.book.Book;
import io.vaultrisk.montecarlo.book.MarketData;
import io.vaultrisk.montecarlo.book.Position;
import io.vaultrisk.montecarlo.book.Underlying;
import java.time.Instant;
import java.util.List;

final class TestBooks {
    static final Instant AS_OF = Instant.parse("2026-11-25T08:00:00Z");

    private TestBooks() {}

    static Book single(Underlying u, Position... positions) {
        return Book.of("test", AS_OF, MarketData.of(0.0, List.of(u), null), List.of(positions));
    }

    static Book of(MarketData market, Position... positions) {
        return Book.of("test", AS_OF, market, List.of(positions));
    }
}
