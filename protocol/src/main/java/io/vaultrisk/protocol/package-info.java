/**
 * What the risk service signs and the vault verifies, implemented once: {@link io.vaultrisk.protocol.Allocation},
 * its EIP-712 typed data and digest ({@link io.vaultrisk.protocol.AllocationTypedData}), the signed allocation on the
 * wire ({@link io.vaultrisk.protocol.SignedAllocation}) and basis-point rounding
 * ({@link io.vaultrisk.protocol.BasisPoints}).
 *
 * <p>The service signs with this digest and the executor verifies with the same code. A second, independent digest
 * in the executor would not catch a protocol error: the vault contract is the authority, and a digest that differs
 * from its {@code allocationDigest} is refused on chain whatever the executor computed. So there is one Java digest,
 * and the contracts module tests it against the deployed vault on Anvil and against web3j's generic EIP-712 encoder;
 * the executor's own checks are about what the typed data cannot say (this vault, this chain, these sleeves, the
 * vault's registered risk signer).
 *
 * <p>Depends on web3j's {@code crypto} only (keccak, secp256k1), not on web3j {@code core} and its JSON-RPC stack.
 */
package io.vaultrisk.protocol;
