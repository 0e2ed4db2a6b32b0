package io.vaultrisk.executor;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Whether and how the executor forwards its vault's feed rounds to the service ({@link FeedForwarder}).
 *
 * @param enabled forward each new round of every risky sleeve's feed
 * @param assets the service's asset name per sleeve name (e.g. WETH → ETH, as the vault's book names it); a sleeve
 *     not named here is forwarded under its own name
 * @param every how often the feeds are read
 */
public record FeedForwarding(boolean enabled, Map<String, String> assets, Duration every) {
    /** On, sleeve names as asset names, every second. */
    public static final FeedForwarding DEFAULT = new FeedForwarding(true, Map.of(), Duration.ofSeconds(1));

    public static final FeedForwarding OFF = new FeedForwarding(false, Map.of(), Duration.ofSeconds(1));

    public FeedForwarding {
        assets = Map.copyOf(Objects.requireNonNull(assets, "assets"));
        Objects.requireNonNull(every, "every");
        if (every.isNegative() || every.isZero()) {
            throw new IllegalArgumentException("every: must be > 0, got " + every);
        }
    }

    /** The service's asset for a sleeve. */
    public String asset(String sleeve) {
        return assets.getOrDefault(sleeve, sleeve);
    }

    /**
     * {@code WETH=ETH,WBTC=BTC}: sleeve names to the service's asset names; a bad entry is an IllegalArgumentException
     * naming {@code --feed-assets}.
     */
    public FeedForwarding withAssets(String spec) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String entry : spec.split(",")) {
            String[] kv = entry.trim().split("=", -1);
            if (kv.length != 2
                    || !kv[0].trim().matches("[A-Za-z0-9._-]{1,32}")
                    || !kv[1].trim().matches("[A-Za-z0-9._-]{1,32}")) {
                throw new IllegalArgumentException(
                        "--feed-assets: entries are SLEEVE=ASSET (1..32 of A-Z a-z 0-9 . _ -), got '" + entry + "'");
            }
            out.put(kv[0].trim(), kv[1].trim());
        }
        return new FeedForwarding(enabled, out, every);
    }
}
