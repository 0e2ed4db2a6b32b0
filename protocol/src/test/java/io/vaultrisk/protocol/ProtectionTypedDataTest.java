package io.vaultrisk.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.StructuredDataEncoder;
import org.web3j.utils.Numeric;

class ProtectionTypedDataTest {

    private static final String VAULT = "0x5fbdb2315678afecb367f032d93f642f64180aa3";
    private static final String VENUE = "0xe7f1725e7734ce288f8367e1bb143e90bb3f0512";
    private static final String ASSET = "0x9fe46736679d2d9a65f0992f2272de9f3c7fa6e0";
    private static final ECKeyPair KEY = Credentials.create(
                    "0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318")
            .getEcKeyPair();
    private static final PutQuote QUOTE = new PutQuote(
            VAULT,
            ASSET,
            new BigInteger("2700000000"),
            1_764_100_000L,
            new BigInteger("50000000000000000000"),
            new BigInteger("1234567"),
            1_764_061_200L,
            BigInteger.valueOf(7));

    @Test
    void quoteDigest_sameTypedDataThroughWeb3jEncoder_isIdentical() throws Exception {
        // web3j's generic EIP-712 encoder over the JSON typed data: an independent path to the same digest
        String json = """
                {"types":{"EIP712Domain":[{"name":"name","type":"string"},{"name":"version","type":"string"},
                {"name":"chainId","type":"uint256"},{"name":"verifyingContract","type":"address"}],
                "Quote":[{"name":"buyer","type":"address"},{"name":"asset","type":"address"},
                {"name":"strike","type":"uint256"},{"name":"expiry","type":"uint256"},
                {"name":"amount","type":"uint256"},{"name":"premium","type":"uint256"},
                {"name":"quoteExpiry","type":"uint256"},{"name":"nonce","type":"uint256"}]},
                "primaryType":"Quote",
                "domain":{"name":"Vaultrisk PutSeller","version":"1","chainId":31337,"verifyingContract":"%s"},
                "message":{"buyer":"%s","asset":"%s","strike":2700000000,"expiry":1764100000,
                "amount":50000000000000000000,"premium":1234567,"quoteExpiry":1764061200,"nonce":7}}
                """.formatted(VENUE, VAULT, ASSET);

        byte[] reference = new StructuredDataEncoder(json).hashStructuredData();

        assertThat(Numeric.toHexString(ProtectionTypedData.quoteDigest(31337, VENUE, QUOTE)))
                .isEqualTo(Numeric.toHexString(reference));
    }

    @Test
    void orderDigest_sameTypedDataThroughWeb3jEncoder_isIdentical() throws Exception {
        byte[] quoteHash = ProtectionTypedData.quoteDigest(31337, VENUE, QUOTE);
        ProtectionOrder order =
                new ProtectionOrder(VAULT, VENUE, quoteHash, new BigInteger("1300000"), 4, 1_764_061_300L);
        String json =
                """
                {"types":{"EIP712Domain":[{"name":"name","type":"string"},{"name":"version","type":"string"},
                {"name":"chainId","type":"uint256"},{"name":"verifyingContract","type":"address"}],
                "Protection":[{"name":"vault","type":"address"},{"name":"venue","type":"address"},
                {"name":"quoteHash","type":"bytes32"},{"name":"maxPremium","type":"uint256"},
                {"name":"nonce","type":"uint256"},{"name":"validUntil","type":"uint256"}]},
                "primaryType":"Protection",
                "domain":{"name":"Vaultrisk","version":"%s","chainId":31337,"verifyingContract":"%s"},
                "message":{"vault":"%s","venue":"%s","quoteHash":"%s","maxPremium":1300000,"nonce":4,
                "validUntil":1764061300}}
                """.formatted(AllocationTypedData.DOMAIN_VERSION, VAULT, VAULT, VENUE, Numeric.toHexString(quoteHash));

        byte[] reference = new StructuredDataEncoder(json).hashStructuredData();

        assertThat(Numeric.toHexString(ProtectionTypedData.orderDigest(31337, order)))
                .isEqualTo(Numeric.toHexString(reference));
    }

    @Test
    void signOrder_recoversTheSigner() {
        ProtectionOrder order = new ProtectionOrder(
                VAULT, VENUE, ProtectionTypedData.quoteDigest(1, VENUE, QUOTE), BigInteger.ONE, 1, 2);

        byte[] sig = ProtectionTypedData.signOrder(1, order, KEY);

        assertThat(AllocationTypedData.recoverSigner(ProtectionTypedData.orderDigest(1, order), sig))
                .isEqualTo(Credentials.create(KEY).getAddress());
    }

    @Test
    void protectionOrder_shortQuoteHash_isRejectedNamingTheField() {
        assertThatThrownBy(() -> new ProtectionOrder(VAULT, VENUE, new byte[31], BigInteger.ONE, 1, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("quoteHash:");
    }

    @Test
    void putQuote_negativePremium_isRejectedNamingTheField() {
        assertThatThrownBy(() -> new PutQuote(
                        VAULT, ASSET, BigInteger.TEN, 1, BigInteger.ONE, BigInteger.valueOf(-1), 1, BigInteger.ONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("premium:");
    }
}
