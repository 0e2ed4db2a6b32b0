package io.vaultrisk.service.allocation;

import java.time.Instant;
import java.util.List;

/** A published allocation exactly as executors receive it; immutable once stored. */
public record SignedAllocation(String vault, long chainId, long nonce, long validUntil, List<String> strategies,
                               List<Integer> weightsBps, String digest, String signature, String signer,
                               Instant createdAt) {
    public SignedAllocation {
        strategies = List.copyOf(strategies);
        weightsBps = List.copyOf(weightsBps);
    }
}
