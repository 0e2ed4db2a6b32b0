package io.vaultrisk.executor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vaultrisk.contracts.Chain;
import io.vaultrisk.contracts.generated.PriceFeed;
import io.vaultrisk.contracts.generated.PutSeller;
import io.vaultrisk.contracts.generated.TestToken;
import io.vaultrisk.protocol.ProtectionOrder;
import io.vaultrisk.protocol.PutQuote;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.gas.StaticGasProvider;
import org.web3j.utils.Numeric;

/**
 * Buys the protective puts an urgent allocation asks for (issue 18 item 4), right after its rebalance: reads the
 * sleeve's token balance, has the venue's quoter price {@code coverage} of it at the requested strike and expiry,
 * brings the signed quote to the service ({@code POST …/protection-orders}), which checks it and answers with the
 * risk signer's {@code Protection} order (or refuses it: a 4xx with one line saying why), and submits both with
 * {@link ProtectionBuyer}. In the demo and the tests the quoter is a {@link PutQuoter} holding the market maker's key
 * (priced at the venue's feed and the service's vol plus its spread); with a production venue this is the venue's
 * request-for-quote call, and the executor never holds the maker's key.
 */
public final class ProtectionSeeker {

    /**
     * The quoter the executor asks: the market maker's key file, its spread over Black–Scholes, and how long its
     * quotes are firm (chain time).
     */
    public record QuoterConfig(Path keyFile, double spread, Duration quoteValidity) {
        /** Two minutes: a quote taken in the next blocks or not at all. */
        public static final Duration DEFAULT_QUOTE_VALIDITY = Duration.ofMinutes(2);

        public QuoterConfig {
            if (!(spread >= 0 && spread < 1)) {
                throw new IllegalArgumentException("spread: must be in [0, 1), got " + spread);
            }
            if (quoteValidity == null || quoteValidity.isNegative() || quoteValidity.isZero()) {
                throw new IllegalArgumentException("quoteValidity: must be > 0, got " + quoteValidity);
            }
        }
    }

    /** The {@code protection} object of an urgent allocation's stream event. */
    public record Request(
            long allocationNonce,
            String venue,
            String quoter,
            String token,
            int tokenDecimals,
            int stableDecimals,
            BigInteger strike,
            double strikeUsd,
            long expiry,
            double coverage,
            double spot,
            double vol) {

        static Request parse(JsonNode p) {
            return new Request(
                    p.path("allocationNonce").asLong(),
                    p.path("venue").asText(),
                    p.path("quoter").asText(),
                    p.path("token").asText(),
                    p.path("tokenDecimals").asInt(),
                    p.path("stableDecimals").asInt(),
                    new BigInteger(p.path("strike").asText("0")),
                    p.path("strikeUsd").asDouble(),
                    p.path("expiry").asLong(),
                    p.path("coverage").asDouble(),
                    p.path("spot").asDouble(),
                    p.path("vol").asDouble());
        }
    }

    /** What one attempt did: bought (tx, position), or refused by the service, the vault or the venue (why). */
    public record Result(
            long allocationNonce,
            boolean bought,
            String tx,
            Long orderNonce,
            BigInteger positionId,
            String premium,
            String detail) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI endpoint;
    private final String apiKey;
    private final String vault;
    private final Chain chain;
    private final ProtectionBuyer buyer;
    private final ECKeyPair quoterKey;
    private final double spread;
    private final Duration quoteValidity;
    private final SecureRandom random = new SecureRandom();

    ProtectionSeeker(
            URI serviceUrl, String apiKey, String vault, Chain chain, Credentials keeper, QuoterConfig quoter) {
        String base = serviceUrl.toString().replaceAll("/+$", "");
        this.endpoint = URI.create(base + "/api/v1/vaults/" + vault + "/protection-orders");
        this.apiKey = apiKey;
        this.vault = vault;
        this.chain = chain;
        this.buyer = new ProtectionBuyer(chain, keeper);
        this.quoterKey = KeyFile.read(quoter.keyFile()).getEcKeyPair();
        this.spread = quoter.spread();
        this.quoteValidity = quoter.quoteValidity();
    }

    Result seek(Request r, String riskSigner) throws Exception {
        BigInteger balance = TestToken.load(
                        r.token(),
                        chain.web3j(),
                        chain.transactionManager(Credentials.create(quoterKey)),
                        new StaticGasProvider(BigInteger.ONE, BigInteger.ONE))
                .balanceOf(vault)
                .send();
        // the service checks the amount with the same arithmetic: floor(balance × coverage)
        BigInteger amount = new BigDecimal(balance)
                .multiply(BigDecimal.valueOf(r.coverage()))
                .setScale(0, RoundingMode.FLOOR)
                .toBigIntegerExact();
        if (amount.signum() == 0) {
            return refused(r, "the sleeve holds no " + r.token() + " to protect");
        }
        long now = chain.web3j()
                .ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false)
                .send()
                .getBlock()
                .getTimestamp()
                .longValueExact();
        double spot = spot(r.venue());
        PutQuoter quoter = new PutQuoter(
                chain.chainId(), r.venue(), r.token(), r.tokenDecimals(), r.stableDecimals(), spread, 0, quoterKey);
        PutQuoter.SignedQuote sq = quoter.quote(
                vault,
                spot,
                r.strikeUsd(),
                r.vol(),
                now,
                r.expiry(),
                amount,
                quoteValidity.toSeconds(),
                new BigInteger(63, random));
        PutQuote q = sq.quote();
        if (!q.strike().equals(r.strike())) {
            return refused(r, "the quoter's strike " + q.strike() + " is not the requested " + r.strike());
        }
        HttpResponse<String> response = post(r, q, sq.signature(), balance);
        if (response.statusCode() / 100 != 2) {
            return refused(r, "the service refused the quote: " + problem(response));
        }
        JsonNode o = JSON.readTree(response.body());
        ProtectionOrder order = new ProtectionOrder(
                o.path("vault").asText(),
                o.path("venue").asText(),
                Numeric.hexStringToByteArray(o.path("quoteHash").asText()),
                new BigInteger(o.path("maxPremium").asText()),
                o.path("nonce").asLong(),
                o.path("validUntil").asLong());
        ProtectionBuyer.Result bought = buyer.buy(
                order, Numeric.hexStringToByteArray(o.path("signature").asText()), riskSigner, q, sq.signature());
        String terms = String.format(
                Locale.ROOT,
                "%s token units of %s, strike %s, expiry %d, premium %s (order %d)",
                q.amount(),
                r.token(),
                q.strike(),
                q.expiry(),
                q.premium(),
                order.nonce());
        return new Result(
                r.allocationNonce(),
                bought.bought(),
                bought.txHash(),
                order.nonce(),
                bought.positionId(),
                q.premium().toString(),
                bought.bought()
                        ? "protection: bought put position " + bought.positionId() + ": " + terms
                        : "protection: refused on chain: " + bought.detail() + "; " + terms);
    }

    /**
     * The market maker's spot: the venue's settlement feed now (USD per whole token), not the service's spot at the
     * time it asked, which a falling market leaves behind within seconds.
     */
    private double spot(String venue) throws Exception {
        ReadonlyTransactionManager read = new ReadonlyTransactionManager(chain.web3j(), venue);
        StaticGasProvider gas = new StaticGasProvider(BigInteger.ONE, BigInteger.ONE);
        String feed = PutSeller.load(venue, chain.web3j(), read, gas).feed().send();
        PriceFeed f = PriceFeed.load(feed, chain.web3j(), read, gas);
        BigInteger answer = f.latestRoundData().send().component2();
        return new BigDecimal(answer)
                .movePointLeft(f.decimals().send().intValueExact())
                .doubleValue();
    }

    private static Result refused(Request r, String why) {
        return new Result(r.allocationNonce(), false, null, null, null, null, "protection: " + why);
    }

    private HttpResponse<String> post(Request r, PutQuote q, byte[] signature, BigInteger balance)
            throws IOException, InterruptedException {
        Map<String, Object> quote = new LinkedHashMap<>();
        quote.put("buyer", q.buyer());
        quote.put("asset", q.asset());
        quote.put("strike", q.strike().toString());
        quote.put("expiry", q.expiry());
        quote.put("amount", q.amount().toString());
        quote.put("premium", q.premium().toString());
        quote.put("quoteExpiry", q.quoteExpiry());
        quote.put("nonce", q.nonce().toString());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("allocationNonce", r.allocationNonce());
        body.put("quote", quote);
        body.put("quoteSignature", Numeric.toHexString(signature));
        body.put("sleeveBalance", balance.toString());
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofSeconds(10))
                .header("X-API-Key", apiKey)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** One line from a problem+json answer: status, field and detail. */
    private static String problem(HttpResponse<String> response) {
        String field = null, detail = null;
        try {
            JsonNode p = JSON.readTree(response.body());
            field = p.path("field").asText(null);
            detail = p.path("detail").asText(null);
        } catch (IOException | RuntimeException e) {
            // not problem+json: the body as it is
        }
        String text = detail == null ? String.valueOf(response.body()) : detail;
        text = text.strip().replaceAll("\\s+", " ");
        if (text.length() > 300) {
            text = text.substring(0, 300) + "…";
        }
        return response.statusCode() + (field == null ? "" : " " + field) + ": " + text;
    }
}
