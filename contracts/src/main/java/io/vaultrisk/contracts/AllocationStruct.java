package io.vaultrisk.contracts;

import io.vaultrisk.contracts.generated.Vault;
import io.vaultrisk.protocol.Allocation;
import java.math.BigInteger;
import org.web3j.utils.Numeric;

/** The protocol's {@link Allocation} as the generated wrapper's struct, for {@code Vault.rebalance} and its digest. */
public final class AllocationStruct {

    private AllocationStruct() {}

    public static Vault.Allocation of(Allocation a) {
        return new Vault.Allocation(
                a.vault(),
                a.nonce(),
                a.validUntil(),
                a.weightsBps().stream().map(BigInteger::valueOf).toList(),
                a.referencePricesX18(),
                Numeric.hexStringToByteArray(a.inputsHash()));
    }
}
