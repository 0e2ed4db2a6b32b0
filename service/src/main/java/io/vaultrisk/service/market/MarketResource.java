package io.vaultrisk.service.market;

import io.vaultrisk.service.auth.RequiresRole;
import io.vaultrisk.service.auth.Role;
import io.vaultrisk.service.error.ProblemException;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/market")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "market")
public class MarketResource {
    static final int MAX_TICKS = 1000;
    private static final Pattern ASSET = Pattern.compile("[A-Za-z0-9._-]{1,32}");

    @Inject
    MarketDataFeed feed;

    /** One price: asset symbol, price (quote currency), optional ISO-8601 time (default: when received). */
    public record PriceTick(String asset, Double price, String time) {}

    public record Prices(List<PriceTick> prices) {}

    @POST
    @Path("/prices")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresRole(Role.RISK)
    @Operation(
            summary = "Price ticks in (exchange-style stream): updates each asset's EWMA vol and regime and lets the "
                    + "limit monitor react to the move; answers the assets' state")
    public Map<String, MarketDataFeed.AssetView> prices(Prices body) {
        if (body == null || body.prices() == null || body.prices().isEmpty()) {
            throw ProblemException.badRequest("prices", "prices must hold 1.." + MAX_TICKS + " ticks");
        }
        if (body.prices().size() > MAX_TICKS) {
            throw ProblemException.badRequest(
                    "prices",
                    "at most " + MAX_TICKS + " ticks per request, got "
                            + body.prices().size());
        }
        Instant now = Instant.now();
        Map<String, Instant> last = new HashMap<>();
        List<MarketDataFeed.Tick> ticks = new ArrayList<>();
        for (int i = 0; i < body.prices().size(); i++) {
            PriceTick t = body.prices().get(i);
            String at = "prices[" + i + "]";
            if (t == null) {
                throw ProblemException.badRequest(at, at + " must be an object {asset, price, time?}");
            }
            if (t.asset() == null || !ASSET.matcher(t.asset()).matches()) {
                throw ProblemException.badRequest(at + ".asset", "asset must be 1..32 of A-Z a-z 0-9 . _ -");
            }
            if (t.price() == null || !(t.price() > 0) || !Double.isFinite(t.price())) {
                throw ProblemException.badRequest(at + ".price", "price must be a positive number");
            }
            Instant time = now;
            if (t.time() != null) {
                try {
                    time = Instant.parse(t.time());
                } catch (DateTimeParseException e) {
                    throw ProblemException.badRequest(at + ".time", "time must be ISO-8601, e.g. 2020-03-12T10:00:00Z");
                }
            }
            Instant previous = last.containsKey(t.asset()) ? last.get(t.asset()) : feed.lastTime(t.asset());
            if (previous != null && time.isBefore(previous)) {
                throw ProblemException.badRequest(
                        at + ".time", "ticks of " + t.asset() + " must not go back in time (last " + previous + ")");
            }
            last.put(t.asset(), time);
            ticks.add(new MarketDataFeed.Tick(t.asset(), t.price(), time));
        }
        feed.accept(ticks);
        Map<String, MarketDataFeed.AssetView> all = feed.snapshot();
        all.keySet().retainAll(last.keySet());
        return all;
    }

    /**
     * One round of an on-chain AggregatorV3 feed as an executor read it: the service's asset it prices, the round id
     * and answer as decimal strings (uint80, int256), the feed's decimals, and updatedAt in Unix seconds.
     */
    public record FeedRound(String asset, String roundId, String answer, Integer decimals, Long updatedAt) {}

    public record FeedRounds(List<FeedRound> rounds) {}

    /** What {@code POST /feed-rounds} did: rounds taken, rounds ignored as seen before, the assets' state. */
    public record FeedRoundsResult(int accepted, int ignored, Map<String, MarketDataFeed.AssetView> assets) {}

    @POST
    @Path("/feed-rounds")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresRole({Role.RISK, Role.EXECUTOR})
    @Operation(
            summary = "On-chain feed rounds in (an executor forwards each new round of its vault's feeds): keyed by "
                    + "asset and idempotent by roundId, a round not later than the asset's last is ignored; then as "
                    + "price ticks")
    public FeedRoundsResult feedRounds(FeedRounds body) {
        if (body == null || body.rounds() == null || body.rounds().isEmpty()) {
            throw ProblemException.badRequest("rounds", "rounds must hold 1.." + MAX_TICKS + " rounds");
        }
        if (body.rounds().size() > MAX_TICKS) {
            throw ProblemException.badRequest(
                    "rounds",
                    "at most " + MAX_TICKS + " rounds per request, got "
                            + body.rounds().size());
        }
        Map<String, BigInteger> last = new HashMap<>();
        List<MarketDataFeed.Tick> ticks = new ArrayList<>();
        int ignored = 0;
        for (int i = 0; i < body.rounds().size(); i++) {
            FeedRound r = body.rounds().get(i);
            String at = "rounds[" + i + "]";
            if (r == null) {
                throw ProblemException.badRequest(
                        at, at + " must be an object {asset, roundId, answer, decimals," + " updatedAt}");
            }
            if (r.asset() == null || !ASSET.matcher(r.asset()).matches()) {
                throw ProblemException.badRequest(at + ".asset", "asset must be 1..32 of A-Z a-z 0-9 . _ -");
            }
            BigInteger round = wholeNumber(at + ".roundId", r.roundId(), 80);
            BigInteger answer = wholeNumber(at + ".answer", r.answer(), 255);
            if (answer.signum() <= 0) {
                throw ProblemException.badRequest(at + ".answer", "answer must be positive, got " + answer);
            }
            if (r.decimals() == null || r.decimals() < 0 || r.decimals() > 36) {
                throw ProblemException.badRequest(at + ".decimals", "decimals must be 0..36");
            }
            if (r.updatedAt() == null || r.updatedAt() <= 0 || r.updatedAt() > Instant.MAX.getEpochSecond()) {
                throw ProblemException.badRequest(at + ".updatedAt", "updatedAt must be Unix seconds > 0");
            }
            BigInteger before = last.get(r.asset());
            boolean fresh = before == null ? feed.newRound(r.asset(), round) : round.compareTo(before) > 0;
            if (!fresh) {
                ignored++;
                continue;
            }
            last.put(r.asset(), round);
            double price = new BigDecimal(answer).movePointLeft(r.decimals()).doubleValue();
            ticks.add(new MarketDataFeed.Tick(r.asset(), price, Instant.ofEpochSecond(r.updatedAt()), round));
        }
        if (!ticks.isEmpty()) {
            feed.accept(ticks);
        }
        Map<String, MarketDataFeed.AssetView> all = feed.snapshot();
        all.keySet().retainAll(body.rounds().stream().map(FeedRound::asset).toList());
        return new FeedRoundsResult(ticks.size(), ignored, all);
    }

    private static BigInteger wholeNumber(String field, String text, int bits) {
        BigInteger x;
        try {
            x = text == null ? null : new BigInteger(text.trim());
        } catch (NumberFormatException e) {
            x = null;
        }
        if (x == null || x.signum() < 0 || x.bitLength() > bits) {
            throw ProblemException.badRequest(
                    field, field + " must be a whole number of at most " + bits + " bits as a decimal string");
        }
        return x;
    }

    @GET
    @RequiresRole({Role.RISK, Role.EXECUTOR})
    @Operation(summary = "Every asset's last price, EWMA vol, long-run vol and vol regime")
    public Map<String, MarketDataFeed.AssetView> market() {
        return feed.snapshot();
    }
}
