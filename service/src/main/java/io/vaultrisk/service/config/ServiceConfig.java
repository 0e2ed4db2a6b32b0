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

    Protection protection();

    Surface surface();

    Http http();

    Market market();

    Monitor monitor();

    /** Price ticks in ({@code POST /market/prices}): per-asset EWMA vol and its regime. */
    interface Market {
        /** λ of the EWMA of squared daily-equivalent returns (RiskMetrics' 0.94). */
        @WithDefault("0.94")
        double ewmaLambda();

        /** λ of the slow EWMA that is the vol's long-run level (0.995: a half-life of about 140 ticks). */
        @WithDefault("0.995")
        double longRunLambda();

        /** High-vol regime entered when EWMA vol > enter × long-run level ... */
        @WithDefault("1.5")
        double regimeEnter();

        /** ... and left when it falls below leave × long-run level (leave < enter: hysteresis). */
        @WithDefault("1.2")
        double regimeLeave();

        /**
         * α of the online GARCH(1,1) of daily-equivalent returns: a stated default (0.10) for crypto; set α, β and the
         * long-run vol from a maximum-likelihood fit ({@code vaultrisk vol --model garch}) where one is at hand.
         */
        @WithDefault("0.10")
        double garchAlpha();

        /** β of the online GARCH(1,1) (stated default 0.85: persistence 0.95). */
        @WithDefault("0.85")
        double garchBeta();

        /** The GARCH's long-run annual vol, √(365 ω/(1 − α − β)), which sets ω (stated default 60%). */
        @WithDefault("0.6")
        double garchLongRunVol();
    }

    /** The limit monitor: when vaults with limits are evaluated, and what the evaluation assumes. */
    interface Monitor {
        /** Evaluation of every vault with limits on a schedule (Quarkus duration, e.g. 60s; off disables). */
        @WithDefault("60s")
        String every();

        /** A price move (relative, since the vault's last evaluation) above which the vault is evaluated at once. */
        @WithDefault("0.02")
        double priceMove();

        /** Fewest seconds between two price-triggered evaluations of a vault; a later move waits for it. */
        @WithDefault("5")
        double minIntervalSeconds();

        /** Annual yield of a stablecoin sleeve in the sleeve simulation. */
        @WithDefault("0.05")
        double stableYield();

        /**
         * Option sleeves' implied over realised vol minus one in the sleeve simulation: a stated vol risk premium,
         * 0 by default so that no edge hides in a default.
         */
        @WithDefault("0")
        double impliedVolPremium();
    }

    Compute compute();

    /** Where risk runs, stress reports and book allocations simulate their paths. */
    interface Compute {
        /**
         * cpu (default), opencl, opencl-float, cuda, cuda-float or auto: a backend found by ServiceLoader on the
         * service's class path (the OpenCL and CUDA ones only when kernels-gpu is on it); an unknown one stops the
         * service at start, naming this key.
         */
        @WithDefault("cpu")
        String backend();

        /**
         * true (default): a device that is absent or fails runs the job on the CPU, with a warning in its result;
         * false: the job fails instead.
         */
        @WithDefault("true")
        boolean fallback();
    }

    /**
     * Request limits answered with problem+json by {@code HttpFilters}. The HTTP decoder's own limits
     * ({@code quarkus.http.limits.*}) are set well above these: what the decoder refuses gets an empty answer.
     */
    interface Http {
        /** Longest request line target (path and query) in characters: 414 beyond. */
        @WithDefault("4096")
        int maxUriLength();

        /** Sum of header names and values in bytes: 431 beyond. */
        @WithDefault("20480")
        int maxHeaderBytes();

        /** Largest declared request body (Content-Length) in bytes: 413 beyond. */
        @WithDefault("10485760")
        long maxBodyBytes();
    }

    interface Surface {
        /** Rows of one chain a POST /surfaces fits (about 4 ms a row here); more is a 400 naming chain. */
        @WithDefault("2000")
        int maxRows();

        /** Fits running at once; one more is refused with 429 and Retry-After. */
        @WithDefault("2")
        int maxConcurrentFits();
    }

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
        /** Worker threads running risk runs, stress reports and surface fits (allocations have their own worker). */
        @WithDefault("1")
        int threads();

        /** Jobs that may wait in each queue (publish, compute); one more is refused with 429 and Retry-After. */
        @WithDefault("100")
        int queueCapacity();

        /**
         * Work budget of one risk run in path-steps: paths × stepsPerDay × the longest horizon in days × positions.
         * At about 10^8 path-steps a second per core, the default is minutes, not days.
         */
        @WithDefault("20000000000")
        long maxPathSteps();

        /** Memory one risk run may plan for, in bytes; default a quarter of the service's maximum heap. */
        Optional<Long> maxJobBytes();

        /** How many times a job interrupted by a shutdown is re-queued before it is marked failed. */
        @WithDefault("3")
        int maxAttempts();

        /** Job submissions one API key may make per minute, sustained (0: no limit); 429 with Retry-After beyond. */
        @WithDefault("60")
        int ratePerMinute();

        /** Submissions one API key may make at once before the per-minute rate applies. */
        @WithDefault("30")
        int rateBurst();
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

    interface Protection {
        /**
         * Seconds a signed Protection order stays valid (by the market's clock: the later of the wall clock and the
         * asset's last tick): long enough for the executor's next block, short enough not to linger.
         */
        @WithDefault("120")
        long orderValiditySeconds();
    }
}
