package io.vaultrisk.contracts;

import io.vaultrisk.contracts.generated.ConstantProductPool;
import io.vaultrisk.contracts.generated.TestToken;
import io.vaultrisk.contracts.generated.Vault;
import io.vaultrisk.protocol.BasisPoints;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import org.web3j.crypto.Credentials;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.gas.ContractGasProvider;

/**
 * Deploys the whole local market for one vault: the three test tokens, one constant-product pool per risky token
 * against the stablecoin seeded at the spec's prices, and the vault with its sleeves, caps and limits, funded at its
 * initial weights and with the given risk signer registered. The owner pays for and owns everything.
 */
public final class VaultDeployer {

    private static final BigInteger GAS_LIMIT = BigInteger.valueOf(6_000_000);

    private VaultDeployer() {}

    public static VaultDeployment deploy(Chain chain, Credentials owner, String riskSigner, DeploymentSpec spec)
            throws Exception {
        TransactionManager tm = chain.transactionManager(owner);
        ContractGasProvider gas = chain.gasProvider(GAS_LIMIT);
        var web3j = chain.web3j();
        List<String> names = List.of("Test USD Coin", "Test Wrapped BTC", "Test Wrapped Ether");
        List<TestToken> tokens = new ArrayList<>();
        for (int i = 0; i < DeploymentSpec.SLEEVES.size(); i++) {
            tokens.add(TestToken.deploy(
                            web3j,
                            tm,
                            gas,
                            names.get(i),
                            DeploymentSpec.SLEEVES.get(i),
                            BigInteger.valueOf(DeploymentSpec.DECIMALS.get(i)))
                    .send());
        }
        TestToken usd = tokens.get(0);
        List<BigDecimal> prices = List.of(BigDecimal.ONE, spec.btcPriceUsd(), spec.ethPriceUsd());

        List<String> poolAddresses = new ArrayList<>(List.of("0x0000000000000000000000000000000000000000"));
        for (int i = 1; i < tokens.size(); i++) {
            TestToken asset = tokens.get(i);
            ConstantProductPool pool = ConstantProductPool.deploy(
                            web3j, tm, gas, asset.getContractAddress(), usd.getContractAddress())
                    .send();
            BigInteger assetReserve = units(spec.poolDepthUsd().divide(prices.get(i), 30, RoundingMode.HALF_EVEN), i);
            BigInteger usdReserve = units(spec.poolDepthUsd(), 0);
            asset.mint(owner.getAddress(), assetReserve).send();
            usd.mint(owner.getAddress(), usdReserve).send();
            asset.approve(pool.getContractAddress(), assetReserve).send();
            usd.approve(pool.getContractAddress(), usdReserve).send();
            pool.addLiquidity(assetReserve, usdReserve).send();
            poolAddresses.add(pool.getContractAddress());
        }

        List<String> tokenAddresses =
                tokens.stream().map(TestToken::getContractAddress).toList();
        Vault vault = Vault.deploy(
                        web3j,
                        tm,
                        gas,
                        DeploymentSpec.SLEEVES,
                        tokenAddresses,
                        poolAddresses,
                        spec.capsBps().stream().map(BigInteger::valueOf).toList(),
                        BigInteger.valueOf(spec.maxTurnoverBps()),
                        BigInteger.valueOf(spec.maxSlippageBps()),
                        riskSigner)
                .send();
        for (int i = 0; i < tokens.size(); i++) {
            BigDecimal usdValue = spec.vaultValueUsd()
                    .multiply(BigDecimal.valueOf(spec.initialWeightsBps().get(i)))
                    .divide(BigDecimal.valueOf(BasisPoints.TOTAL));
            BigInteger amount = units(usdValue.divide(prices.get(i), 30, RoundingMode.HALF_EVEN), i);
            if (amount.signum() > 0) {
                tokens.get(i).mint(vault.getContractAddress(), amount).send();
            }
        }
        return new VaultDeployment(
                chain.chainId(),
                vault.getContractAddress(),
                owner.getAddress(),
                riskSigner.toLowerCase(java.util.Locale.ROOT),
                DeploymentSpec.SLEEVES,
                tokenAddresses,
                poolAddresses);
    }

    /**
     * Registers a new risk signer on a deployed vault (owner only): for when the signing key is known only after
     * deployment, e.g. a service that creates its key on first start.
     */
    public static void setRiskSigner(Chain chain, Credentials owner, String vault, String riskSigner) throws Exception {
        Vault.load(
                        vault,
                        chain.web3j(),
                        chain.transactionManager(owner),
                        chain.gasProvider(BigInteger.valueOf(100_000)))
                .setRiskSigner(riskSigner)
                .send();
    }

    /** Token amount in the smallest unit of sleeve i, rounded down. */
    private static BigInteger units(BigDecimal amount, int sleeve) {
        return amount.movePointRight(DeploymentSpec.DECIMALS.get(sleeve))
                .setScale(0, RoundingMode.DOWN)
                .toBigIntegerExact();
    }
}
