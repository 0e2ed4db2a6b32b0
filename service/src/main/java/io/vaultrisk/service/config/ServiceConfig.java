package io.vaultrisk.service.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.util.Optional;

/** Everything the service reads from configuration (application.properties, -D flags, VAULTRISK_* environment). */
@ConfigMapping(prefix = "vaultrisk")
public interface ServiceConfig {

    /** Directory holding the H2 database, the signer key, the API-key pepper, the first admin key and reports. */
    @WithDefault("${user.home}/.vaultrisk/service")
    Path dataDir();

    /** Which configured datasource the service uses: h2 (embedded default) or postgresql. */
    @WithDefault("h2")
    String database();

    Signer signer();

    ApiKeys apiKeys();

    Jobs jobs();

    Stress stress();

    Allocation allocation();

    interface Signer {
        /** The signer's private key file; defaults to signer.key in the data directory, created on first start. */
        Optional<Path> keyFile();

        /** Chain id put in the EIP-712 domain when a vault does not name its own. */
        @WithDefault("31337")
        long chainId();
    }

    interface ApiKeys {
        /** File (relative to the data directory) the first admin key is written to when no admin key exists. */
        @WithDefault("admin.key")
        String bootstrapFile();
    }

    interface Jobs {
        /** Worker threads running risk runs, allocations and stress jobs. */
        @WithDefault("1")
        int threads();

        /** How many times a job interrupted by a shutdown is re-queued before it is marked failed. */
        @WithDefault("3")
        int maxAttempts();
    }

    interface Stress {
        /** Quartz-style cron of the nightly stress of registered books ("off" disables it). */
        @WithDefault("0 0 2 * * ?")
        String cron();

        @WithDefault("20000")
        int paths();
    }

    interface Allocation {
        /**
         * Seconds a published allocation stays valid: minutes, not an hour, so that a retracted or superseded
         * allocation cannot be applied long after the market it was computed for (issue 16).
         */
        @WithDefault("600")
        long validitySeconds();
    }
}
