package io.vaultrisk.executor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vaultrisk.contracts.AnvilNode;
import io.vaultrisk.contracts.Chain;
import io.vaultrisk.contracts.DeploymentSpec;
import io.vaultrisk.contracts.ProtectionVenue;
import io.vaultrisk.contracts.ProtectionVenue.PremiumLimits;
import io.vaultrisk.contracts.VaultDeployer;
import io.vaultrisk.contracts.VaultDeployment;
import io.vaultrisk.contracts.generated.PutSeller;
import io.vaultrisk.contracts.generated.TestToken;
import io.vaultrisk.executor.Outcome.Kind;
import io.vaultrisk.protocol.ProtectionOrder;
import io.vaultrisk.protocol.ProtectionTypedData;
import io.vaultrisk.protocol.PutQuote;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.tx.gas.StaticGasProvider;
import org.web3j.utils.Numeric;

/**
 * The breach path's put leg on Anvil (issue 18 item 4): an urgent allocation that asks for protection is rebalanced,
 * then the executor has the quoter price coverage × the sleeve's balance, brings the quote to the service, and buys
 * with the order the service signed; a service that refuses the quote (422) leaves nothing bought; an urgent
 * allocation without protection is executed exactly as before. The service here is {@link AllocationEndpoint}, which
 * signs the order with the risk key for whatever quote it is given: the checks of the real service are
 * {@code ProtectionOrderTest}'s (service) and the crash demo's.
 */
@Tag("slow") // starts Anvil: ./run-tests --fast leaves it out
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExecutorProtectionTest {

    private static final ECKeyPair RISK_KEY = Credentials.create(
                    "0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318")
            .getEcKeyPair();
    private static final String QUOTER_HEX = "0x8da4ef21b864d2cc526dbdb2a120bd2874c36c9d0a1fb7f8c63d7f7a8b41de8f";
    private static final ECKeyPair QUOTER_KEY = Credentials.create(QUOTER_HEX).getEcKeyPair();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int WETH = 2;

    private AnvilNode anvil;
    private Chain chain;
    private Credentials owner;
    private Credentials seller;
    private Credentials executorAccount;
    private AllocationEndpoint service;
    private VaultDeployment d;
    private PutSeller venue;

    @TempDir
    Path dir;

    private Path keyFile;
    private Path quoterFile;

    @BeforeAll
    void startChain() throws Exception {
        anvil = AnvilNode.start();
        chain = Chain.connect(anvil.rpcUrl());
        owner = Credentials.create(AnvilNode.DEV_KEYS.get(0));
        executorAccount = Credentials.create(AnvilNode.DEV_KEYS.get(1));
        seller = Credentials.create(AnvilNode.DEV_KEYS.get(2));
    }

    @AfterAll
    void stopChain() {
        if (chain != null) {
            chain.close();
        }
        if (anvil != null) {
            anvil.close();
        }
    }

    @BeforeEach
    void deploy() throws Exception {
        d = VaultDeployer.deploy(
                chain,
                owner,
                Credentials.create(RISK_KEY).getAddress(),
                List.of(executorAccount.getAddress()),
                DeploymentSpec.DEFAULT);
        BigInteger collateral = BigInteger.valueOf(200_000_000_000L);
        TestToken.load(d.stablecoin(), chain.web3j(), chain.transactionManager(owner), gas())
                .mint(seller.getAddress(), collateral)
                .send();
        venue = ProtectionVenue.deploy(
                chain, seller, d, WETH, 3600, Credentials.create(QUOTER_KEY).getAddress(), collateral);
        ProtectionVenue.register(chain, owner, d.vault(), venue.getContractAddress(), WETH, PremiumLimits.DEFAULT);
        service = new AllocationEndpoint();
        keyFile = dir.resolve("executor.key");
        Files.writeString(keyFile, AnvilNode.DEV_KEYS.get(1) + "\n");
        quoterFile = dir.resolve("quoter.key");
        Files.writeString(quoterFile, QUOTER_HEX + "\n");
    }

    @AfterEach
    void stopService() {
        service.close();
    }

    /** Puts struck at $2,700 (90% of the deployment's $3,000 ETH) for a week on half the WETH sleeve, 80% vol. */
    private Map<String, Object> protection(long nonce) throws Exception {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("allocationNonce", nonce);
        p.put("trigger", "breach: ES99 1d 14.2% > 12%");
        p.put("venue", venue.getContractAddress());
        p.put("quoter", Credentials.create(QUOTER_KEY).getAddress());
        p.put("sleeve", WETH);
        p.put("asset", "ETH");
        p.put("token", d.tokens().get(WETH));
        p.put("tokenDecimals", 18);
        p.put("stableDecimals", 6);
        p.put("strike", "2700000000");
        p.put("strikeUsd", 2700.0);
        p.put("expiry", latestTimestamp() + 7 * 86_400);
        p.put("coverage", 0.5);
        p.put("spot", 3000.0);
        p.put("vol", 0.8);
        p.put("volSource", "the vault's book vol of ETH");
        p.put("tolerance", 0.25);
        return p;
    }

    /** What the service does once its checks pass: the risk signer's order for exactly the posted quote. */
    private AllocationEndpoint.Answer sign(String posted) {
        try {
            JsonNode b = JSON.readTree(posted);
            JsonNode q = b.get("quote");
            PutQuote quote = new PutQuote(
                    q.get("buyer").asText(),
                    q.get("asset").asText(),
                    new BigInteger(q.get("strike").asText()),
                    q.get("expiry").asLong(),
                    new BigInteger(q.get("amount").asText()),
                    new BigInteger(q.get("premium").asText()),
                    q.get("quoteExpiry").asLong(),
                    new BigInteger(q.get("nonce").asText()));
            byte[] hash = ProtectionTypedData.quoteDigest(chain.chainId(), venue.getContractAddress(), quote);
            ProtectionOrder order = new ProtectionOrder(
                    d.vault(), venue.getContractAddress(), hash, quote.premium(), 1, latestTimestamp() + 120);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("vault", order.vault());
            out.put("venue", order.venue());
            out.put("quoteHash", Numeric.toHexString(hash));
            out.put("maxPremium", quote.premium().toString());
            out.put("nonce", order.nonce());
            out.put("validUntil", order.validUntil());
            out.put("signature", Numeric.toHexString(ProtectionTypedData.signOrder(chain.chainId(), order, RISK_KEY)));
            return new AllocationEndpoint.Answer(201, JSON.writeValueAsString(out));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void act_urgentAllocationAskingForPuts_rebalancesThenBuysWithTheServiceSignedOrder() throws Exception {
        service.protectionOrders(this::sign);
        service.protection(protection(1));
        String json = service.publishUrgent(
                d.vault(), chain.chainId(), 1, validUntil(), List.of(8000, 1000, 1000), RISK_KEY, "breach: ES");
        try (Executor executor = Executor.create(config()).withQuoter(quoterFile, 0.05)) {
            Outcome o = executor.act(AllocationNotice.parse(json));

            assertThat(o.kind()).as(o.toString()).isEqualTo(Kind.REBALANCED);
            assertThat(executor.protections()).hasSize(1);
            ProtectionSeeker.Result r = executor.protections().get(0);
            assertThat(r.bought()).as(r.detail()).isTrue();
            BigInteger weth = balance(d.tokens().get(WETH), d.vault());
            JsonNode posted = JSON.readTree(service.protectionRequests().get(0));
            assertThat(posted.get("sleeveBalance").asText()).isEqualTo(weth.toString());
            BigInteger amount = new BigInteger(posted.at("/quote/amount").asText());
            assertThat(amount).isEqualTo(weth.shiftRight(1)); // coverage 0.5 of the WETH the rebalance left
            var position = venue.position(BigInteger.ONE).send();
            assertThat(position.component1()).isEqualToIgnoringCase(d.vault());
            assertThat(position.component2()).isEqualTo(BigInteger.valueOf(2_700_000_000L));
            assertThat(position.component3()).isEqualTo(amount);
            // premium: Black–Scholes (ETH 3000, K 2700, 1 week, 80%) 28.786 per ETH × 1.05
            double perEth = new BigDecimal(posted.at("/quote/premium").asText())
                    .movePointLeft(6)
                    .divide(new BigDecimal(amount).movePointLeft(18), 10, RoundingMode.HALF_EVEN)
                    .doubleValue();
            assertThat(perEth).isBetween(28.786 * 1.05 - 0.05, 28.786 * 1.05 + 0.05);
            List<String> events = service.events();
            assertThat(events).hasSize(2);
            JsonNode bought = JSON.readTree(events.get(1));
            assertThat(bought.get("kind").asText()).isEqualTo("executed");
            assertThat(bought.get("nonce").asText()).isEqualTo("1");
            assertThat(bought.get("reason").asText()).startsWith("protection: bought put position 1: ");
            assertThat(bought.get("tx").asText()).isEqualTo(r.tx());
            assertThat(bought.has("weightsBps")).isFalse();

            // the same allocation announced again buys nothing more
            executor.act(AllocationNotice.parse(json));
            assertThat(executor.protections()).hasSize(1);
        }
    }

    @Test
    void act_serviceRefusesTheQuote_nothingBoughtAndTheRefusalReported() throws Exception {
        service.protectionOrders(posted -> new AllocationEndpoint.Answer(
                422,
                "{\"status\":422,\"title\":\"Quote too dear\",\"field\":\"premium\",\"detail\":\"premium 9 is above "
                        + "the service's Black–Scholes price 7 plus the tolerance of 25% (8)\"}"));
        service.protection(protection(1));
        String json = service.publishUrgent(
                d.vault(), chain.chainId(), 1, validUntil(), List.of(8000, 1000, 1000), RISK_KEY, "breach: ES");
        long txBefore = txCount();
        try (Executor executor = Executor.create(config()).withQuoter(quoterFile, 0.05)) {
            Outcome o = executor.act(AllocationNotice.parse(json));

            assertThat(o.kind()).isEqualTo(Kind.REBALANCED);
            ProtectionSeeker.Result r = executor.protections().get(0);
            assertThat(r.bought()).isFalse();
            assertThat(r.detail())
                    .isEqualTo(
                            "protection: the service refused the quote: 422 premium: premium 9 is above the service's "
                                    + "Black–Scholes price 7 plus the tolerance of 25% (8)");
            assertThat(txCount()).as("the rebalance only").isEqualTo(txBefore + 1);
            assertThat(venue.positionCount().send()).as("no position").isEqualTo(BigInteger.ZERO);
            JsonNode refused = JSON.readTree(service.events().get(1));
            assertThat(refused.get("kind").asText()).isEqualTo("refused");
            assertThat(refused.get("reason").asText())
                    .startsWith("protection: the service refused the quote: 422 premium");
        }
    }

    @Test
    void act_urgentAllocationWithoutProtection_executedAsBefore() throws Exception {
        service.protectionOrders(this::sign);
        String json = service.publishUrgent(
                d.vault(), chain.chainId(), 1, validUntil(), List.of(8000, 1000, 1000), RISK_KEY, "breach: ES");
        long txBefore = txCount();
        try (Executor executor = Executor.create(config()).withQuoter(quoterFile, 0.05)) {
            Outcome o = executor.act(AllocationNotice.parse(json));

            assertThat(o.kind()).isEqualTo(Kind.REBALANCED);
            assertThat(executor.protections()).isEmpty();
            assertThat(service.protectionRequests()).isEmpty();
            assertThat(service.events()).hasSize(1);
            assertThat(txCount()).isEqualTo(txBefore + 1);
        }
    }

    private ExecutorConfig config() {
        return new ExecutorConfig(
                service.url(),
                AllocationEndpoint.API_KEY,
                anvil.rpcUrl(),
                d.vault(),
                keyFile,
                dir.resolve("state-" + d.vault() + ".json"),
                50,
                ExecutorConfig.DEFAULT_MAX_GAS_PRICE_WEI,
                Duration.ofSeconds(1),
                4,
                Duration.ofMillis(50),
                true,
                Duration.ofSeconds(30));
    }

    private BigInteger balance(String token, String account) throws Exception {
        return TestToken.load(token, chain.web3j(), chain.transactionManager(owner), gas())
                .balanceOf(account)
                .send();
    }

    private StaticGasProvider gas() throws Exception {
        return new StaticGasProvider(chain.gasPrice(), BigInteger.valueOf(1_500_000));
    }

    private long txCount() throws Exception {
        return chain.web3j()
                .ethGetTransactionCount(executorAccount.getAddress(), DefaultBlockParameterName.LATEST)
                .send()
                .getTransactionCount()
                .longValueExact();
    }

    private long validUntil() throws Exception {
        return latestTimestamp() + 3600;
    }

    private long latestTimestamp() throws Exception {
        return chain.web3j()
                .ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false)
                .send()
                .getBlock()
                .getTimestamp()
                .longValueExact();
    }
}
