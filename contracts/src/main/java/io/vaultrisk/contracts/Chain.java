package io.vaultrisk.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.gas.ContractGasProvider;
import org.web3j.tx.gas.StaticGasProvider;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;
import org.web3j.utils.Numeric;

/**
 * A connection to one JSON-RPC node with the few chain operations the deployer, the tests and the executor share:
 * signing transaction managers, a gas provider, and the revert data of a failed call or mined transaction.
 */
public final class Chain implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final BigInteger ONE_GWEI = BigInteger.TEN.pow(9);

    private final String rpcUrl;
    private final Web3j web3j;
    private final long chainId;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Chain(String rpcUrl, Web3j web3j, long chainId) {
        this.rpcUrl = rpcUrl;
        this.web3j = web3j;
        this.chainId = chainId;
    }

    /** Connects and reads the chain id (fails if the node does not answer). */
    public static Chain connect(String rpcUrl) throws IOException {
        Web3j web3j = Web3j.build(new HttpService(rpcUrl));
        long chainId = web3j.ethChainId().send().getChainId().longValueExact();
        return new Chain(rpcUrl, web3j, chainId);
    }

    public Web3j web3j() {
        return web3j;
    }

    public long chainId() {
        return chainId;
    }

    public String rpcUrl() {
        return rpcUrl;
    }

    /** EIP-155 signing manager that polls receipts every 100 ms (web3j's default waits 15 s between polls). */
    public RawTransactionManager transactionManager(Credentials credentials) {
        return new RawTransactionManager(
                web3j, credentials, chainId, new PollingTransactionReceiptProcessor(web3j, 100, 1200));
    }

    /** {@link #gasPrice()} and a fixed gas limit. */
    public ContractGasProvider gasProvider(BigInteger gasLimit) throws IOException {
        return new StaticGasProvider(gasPrice(), gasLimit);
    }

    /**
     * Twice the latest base fee plus a 1 gwei tip: room for several blocks of base-fee increases. Derived from the
     * base fee rather than eth_gasPrice on purpose: a node's suggested price includes recent tips, so paying a multiple
     * of it feeds back into the next suggestion and grows the price without bound.
     */
    public BigInteger gasPrice() throws IOException {
        var block = web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false)
                .send()
                .getBlock();
        String baseFee = block.getBaseFeePerGasRaw();
        if (baseFee == null) {
            return web3j.ethGasPrice().send().getGasPrice();
        }
        return Numeric.decodeQuantity(baseFee).shiftLeft(1).add(ONE_GWEI);
    }

    /**
     * One raw JSON-RPC call ({@code params} a JSON array), for the node methods web3j has no wrapper for (Anvil's
     * {@code evm_*}); returns the {@code result}, or throws when the node answers with an error.
     */
    public JsonNode rpc(String method, String params) throws IOException {
        String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":" + params + "}";
        HttpRequest request = HttpRequest.newBuilder(URI.create(rpcUrl))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            JsonNode answer = JSON.readTree(
                    http.send(request, HttpResponse.BodyHandlers.ofString()).body());
            if (answer.has("error")) {
                throw new IOException(method + " failed: " + answer.get("error"));
            }
            return answer.path("result");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted during " + method, e);
        }
    }

    /** Revert data of a call that reverted, if the node returned any. */
    public static Optional<String> revertData(EthCall call) {
        if (call.hasError() && call.getError().getData() != null) {
            String data = call.getError().getData().replace("\"", "").strip();
            return data.startsWith("0x") ? Optional.of(data) : Optional.empty();
        }
        return Optional.empty();
    }

    /**
     * Revert data of a mined, failed transaction: from the node's call tracer when it has one (Anvil, Geth), otherwise
     * by replaying the transaction as a call on the state before its block.
     */
    public Optional<String> revertDataOfTransaction(String txHash) throws IOException {
        Optional<String> traced = tracedOutput(txHash);
        if (traced.isPresent()) {
            return traced;
        }
        var tx = web3j.ethGetTransactionByHash(txHash).send().getTransaction();
        if (tx.isEmpty()) {
            return Optional.empty();
        }
        var t = tx.get();
        EthCall replay = web3j.ethCall(
                        Transaction.createFunctionCallTransaction(
                                t.getFrom(), null, t.getGasPrice(), t.getGas(), t.getTo(), t.getValue(), t.getInput()),
                        DefaultBlockParameter.valueOf(t.getBlockNumber().subtract(BigInteger.ONE)))
                .send();
        return revertData(replay);
    }

    private Optional<String> tracedOutput(String txHash) throws IOException {
        String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"debug_traceTransaction\",\"params\":[\"" + txHash
                + "\",{\"tracer\":\"callTracer\"}]}";
        HttpRequest request = HttpRequest.newBuilder(URI.create(rpcUrl))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode result = JSON.readTree(response.body()).path("result");
            JsonNode output = result.path("output");
            return result.has("error") && output.isTextual() ? Optional.of(output.asText()) : Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    @Override
    public void close() {
        web3j.shutdown();
    }
}
