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

    @GET
    @RequiresRole({Role.RISK, Role.EXECUTOR})
    @Operation(summary = "Every asset's last price, EWMA vol, long-run vol and vol regime")
    public Map<String, MarketDataFeed.AssetView> market() {
        return feed.snapshot();
    }
}
