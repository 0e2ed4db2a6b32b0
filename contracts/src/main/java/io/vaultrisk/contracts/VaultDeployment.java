package io.vaultrisk.contracts;

import java.util.List;

/**
 * Addresses of one deployed vault and everything around it.
 *
 * @param sleeves sleeve names in the vault's order (the order of signed weights)
 * @param tokens sleeve token addresses, same order; tokens[0] is the stablecoin
 * @param pools pool of each sleeve against the stablecoin, same order; pools[0] is empty (the stablecoin has none)
 * @param feeds price feed of each sleeve, same order; feeds[0] is empty (the stablecoin is the unit of account)
 */
public record VaultDeployment(
        long chainId,
        String vault,
        String owner,
        String riskSigner,
        List<String> sleeves,
        List<String> tokens,
        List<String> pools,
        List<String> feeds) {

    public VaultDeployment {
        sleeves = List.copyOf(sleeves);
        tokens = List.copyOf(tokens);
        pools = List.copyOf(pools);
        feeds = List.copyOf(feeds);
    }

    public String stablecoin() {
        return tokens.get(0);
    }
}
