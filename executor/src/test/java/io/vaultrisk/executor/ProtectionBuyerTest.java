package io.vaultrisk.executor;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultrisk.contracts.AnvilNode;
import io.vaultrisk.contracts.Chain;
import io.vaultrisk.contracts.DeploymentSpec;
import io.vaultrisk.contracts.ProtectionVenue;
import io.vaultrisk.contracts.ProtectionVenue.PremiumLimits;
import io.vaultrisk.contracts.VaultDeployer;
import io.vaultrisk.contracts.VaultDeployment;
import io.vaultrisk.contracts.generated.PutSeller;
import io.vaultrisk.contracts.generated.TestToken;
import io.vaultrisk.protocol.ProtectionOrder;
import io.vaultrisk.protocol.ProtectionTypedData;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.tx.gas.StaticGasProvider;

/**
 * The de-risk's put leg end to end on Anvil: the quoter prices 50 WETH puts struck at $2,700 for a week with
 * Black–Scholes at 80% vol plus 5%, the risk signer signs an order for that quote, the keeper's {@link ProtectionBuyer}
 * checks and simulates it and buys; refusals cost no transaction.
 */
@Tag("slow") // starts Anvil: ./run-tests --fast leaves it out
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProtectionBuyerTest {

    private static final ECKeyPair RISK_KEY = Credentials.create(
                    "0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318")
            .getEcKeyPair();
    private static final ECKeyPair QUOTER_KEY = Credentials.create(
                    "0x8da4ef21b864d2cc526dbdb2a120bd2874c36c9d0a1fb7f8c63d7f7a8b41de8f")
            .getEcKeyPair();
    private static final int WETH = 2;
    private static final BigInteger FIFTY_ETH = BigInteger.TEN.pow(18).multiply(BigInteger.valueOf(50));

    private AnvilNode anvil;
    private Chain chain;
    private Credentials owner;
    private Credentials seller;
    private Credentials keeper;
    private VaultDeployment d;
    private PutSeller venue;
    private PutQuoter quoter;

    @BeforeAll
    void startChain() throws Exception {
        anvil = AnvilNode.start();
        chain = Chain.connect(anvil.rpcUrl());
        owner = Credentials.create(AnvilNode.DEV_KEYS.get(0));
        seller = Credentials.create(AnvilNode.DEV_KEYS.get(1));
        keeper = Credentials.create(AnvilNode.DEV_KEYS.get(2));
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

    @Test
    void buy_blackScholesQuoteAndRiskSignersOrder_paysThePremiumAndHoldsThePut() throws Exception {
        deploy(PremiumLimits.DEFAULT);
        PutQuoter.SignedQuote q = quote(2700);
        ProtectionOrder order = order(q, q.quote().premium(), 1);
        BigInteger cashBefore = usdcBalance(d.vault());

        ProtectionBuyer.Result r =
                new ProtectionBuyer(chain, keeper).buy(order, sign(order), d.riskSigner(), q.quote(), q.signature());

        assertThat(r.bought()).as(r.detail()).isTrue();
        // Black–Scholes 28.786 x 1.05 x 50 = 1,511.28 USDC
        assertThat(q.quote().premium().doubleValue() / 1e6).isBetween(1511.0, 1511.6);
        assertThat(usdcBalance(d.vault()))
                .isEqualTo(cashBefore.subtract(q.quote().premium()));
        var position = venue.position(r.positionId()).send();
        assertThat(position.component1()).isEqualToIgnoringCase(d.vault());
        assertThat(position.component2()).isEqualTo(BigInteger.valueOf(2_700_000_000L));
        assertThat(position.component3()).isEqualTo(FIFTY_ETH);
    }

    @Test
    void buy_orderSignedByTheKeeper_isRefusedWithoutATransaction() throws Exception {
        deploy(PremiumLimits.DEFAULT);
        PutQuoter.SignedQuote q = quote(2700);
        ProtectionOrder order = order(q, q.quote().premium(), 1);
        BigInteger txCount = txCount();

        ProtectionBuyer.Result r = new ProtectionBuyer(chain, keeper)
                .buy(
                        order,
                        ProtectionTypedData.signOrder(chain.chainId(), order, keeper.getEcKeyPair()),
                        d.riskSigner(),
                        q.quote(),
                        q.signature());

        assertThat(r.bought()).isFalse();
        assertThat(r.detail())
                .startsWith("order signed by " + keeper.getAddress().toLowerCase());
        assertThat(txCount()).isEqualTo(txCount);
    }

    @Test
    void buy_premiumOverThePerPurchaseLimit_isRefusedInSimulationWithoutATransaction() throws Exception {
        deploy(new PremiumLimits(10, 100, 86_400));
        // an at-the-money put costs ~132.5 x 1.05 x 50 = 6,958 USDC, ~70 bps of the $1M vault
        PutQuoter.SignedQuote q = quote(3000);
        ProtectionOrder order = order(q, q.quote().premium(), 1);
        BigInteger txCount = txCount();

        ProtectionBuyer.Result r =
                new ProtectionBuyer(chain, keeper).buy(order, sign(order), d.riskSigner(), q.quote(), q.signature());

        assertThat(r.bought()).isFalse();
        assertThat(r.detail()).matches("PremiumAboveLimit\\((69|70|71), 10\\)");
        assertThat(txCount()).isEqualTo(txCount);
    }

    private void deploy(PremiumLimits limits) throws Exception {
        d = VaultDeployer.deploy(
                chain,
                owner,
                Credentials.create(RISK_KEY).getAddress(),
                List.of(keeper.getAddress()),
                DeploymentSpec.DEFAULT);
        BigInteger collateral = BigInteger.valueOf(200_000_000_000L);
        TestToken.load(d.stablecoin(), chain.web3j(), chain.transactionManager(owner), gas())
                .mint(seller.getAddress(), collateral)
                .send();
        venue = ProtectionVenue.deploy(
                chain, seller, d, WETH, 3600, Credentials.create(QUOTER_KEY).getAddress(), collateral);
        ProtectionVenue.register(chain, owner, d.vault(), venue.getContractAddress(), WETH, limits);
        quoter = new PutQuoter(
                chain.chainId(), venue.getContractAddress(), d.tokens().get(WETH), 18, 6, 0.05, 0, QUOTER_KEY);
    }

    /** 50 puts for a week at 80% vol (the surface's, in the service), ETH at the deployment's $3,000. */
    private PutQuoter.SignedQuote quote(double strikeUsd) throws Exception {
        long now = latestTimestamp();
        return quoter.quote(d.vault(), 3000, strikeUsd, 0.80, now, now + 7 * 86_400, FIFTY_ETH, 300, BigInteger.ONE);
    }

    private ProtectionOrder order(PutQuoter.SignedQuote q, BigInteger maxPremium, long nonce) throws Exception {
        return new ProtectionOrder(
                d.vault(),
                venue.getContractAddress(),
                ProtectionTypedData.quoteDigest(chain.chainId(), venue.getContractAddress(), q.quote()),
                maxPremium,
                nonce,
                latestTimestamp() + 600);
    }

    private byte[] sign(ProtectionOrder order) {
        return ProtectionTypedData.signOrder(chain.chainId(), order, RISK_KEY);
    }

    private BigInteger txCount() throws Exception {
        return chain.web3j()
                .ethGetTransactionCount(keeper.getAddress(), DefaultBlockParameterName.LATEST)
                .send()
                .getTransactionCount();
    }

    private BigInteger usdcBalance(String account) throws Exception {
        return TestToken.load(d.stablecoin(), chain.web3j(), chain.transactionManager(owner), gas())
                .balanceOf(account)
                .send();
    }

    private StaticGasProvider gas() throws Exception {
        return new StaticGasProvider(chain.gasPrice(), BigInteger.valueOf(1_500_000));
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
