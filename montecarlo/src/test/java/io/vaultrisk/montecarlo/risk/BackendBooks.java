package io.vaultrisk.montecarlo.risk;

import io.vaultrisk.basics.OptionType;
import io.vaultrisk.kernels.BackendException;
import io.vaultrisk.kernels.CorrelatedPathTask;
import io.vaultrisk.kernels.EuropeanRun;
import io.vaultrisk.kernels.EuropeanTask;
import io.vaultrisk.kernels.PathBackend;
import io.vaultrisk.kernels.PathBlock;
import io.vaultrisk.kernels.ProgressSink;
import io.vaultrisk.montecarlo.book.Book;
import io.vaultrisk.montecarlo.book.FundingModel;
import io.vaultrisk.montecarlo.book.MarketData;
import io.vaultrisk.montecarlo.book.OptionPosition;
import io.vaultrisk.montecarlo.book.PerpetualPosition;
import io.vaultrisk.montecarlo.book.SpotPosition;
import io.vaultrisk.montecarlo.book.Underlying;
import io.vaultrisk.montecarlo.compute.ComputeBackend;
import io.vaultrisk.montecarlo.instrument.Settlement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** A book with everything the path backends must get right, and backends that fail in the ways devices do. */
final class BackendBooks {
    private BackendBooks() {}

    /**
     * Three correlated underlyings; options expiring inside and after the horizon; linear long and short perpetuals
     * near their liquidation prices and an inverse one with funding every 8 hours.
     */
    static Book mixed() {
        List<Underlying> us = List.of(
                Underlying.of("BTC", 91250, 0.6, 0.1),
                Underlying.of("ETH", 3000, 0.8, 0),
                Underlying.of("SOL", 140, 1.1, -0.2));
        double[][] c = {{1, 0.8, 0.6}, {0.8, 1, 0.7}, {0.6, 0.7, 1}};
        return TestBooks.of(
                MarketData.of(0.02, us, c),
                SpotPosition.of("btc", "BTC", 2),
                OptionPosition.of(
                        "eth-call",
                        "ETH",
                        OptionType.CALL,
                        3200,
                        TestBooks.AS_OF.plus(Duration.ofDays(2)),
                        Settlement.LINEAR,
                        -10),
                OptionPosition.of(
                        "btc-put",
                        "BTC",
                        OptionType.PUT,
                        85000,
                        TestBooks.AS_OF.plus(Duration.ofDays(30)),
                        Settlement.INVERSE,
                        3),
                PerpetualPosition.linear("sol-long", "SOL", 500, 140, 7000, 0.01, 0.0)
                        .withFunding(FundingModel.constant(0.0001), 8),
                PerpetualPosition.linear("eth-short", "ETH", -20, 3000, 6000, 0.005, 0.0),
                PerpetualPosition.inverse("btc-inv", "BTC", 90000, 91000, 0.08, 0.005, 0.0)
                        .withFunding(FundingModel.constant(0.0002), 8));
    }

    static RiskSettings settings(long paths) {
        return RiskSettings.of(paths, 17, new int[] {1, 3}, new double[] {0.95, 0.99})
                .withStepsPerDay(6);
    }

    /**
     * The CPU's paths under another id: returns paths that start before {@code failFrom} (corrupted, so any of them
     * left in a result shows) and fails like a lost device on the first chunk at or after it.
     */
    static PathBackend failingFrom(long failFrom) {
        PathBackend cpu = ComputeBackend.CPU.backend();
        return new PathBackend() {
            @Override
            public String id() {
                return "failing";
            }

            @Override
            public boolean isAvailable() {
                return true;
            }

            @Override
            public String device() {
                return "failing: a device lost mid-run";
            }

            @Override
            public int preference() {
                return 0;
            }

            @Override
            public Optional<String> unsupported(CorrelatedPathTask task) {
                return Optional.empty();
            }

            @Override
            public EuropeanRun simulateEuropean(EuropeanTask task, ProgressSink progress) {
                throw new BackendException("CL_OUT_OF_RESOURCES");
            }

            @Override
            public PathBlock simulatePaths(
                    CorrelatedPathTask task, long first, int count, int threads, ProgressSink progress) {
                if (first >= failFrom) {
                    throw new BackendException("CL_OUT_OF_RESOURCES\nsecond line");
                }
                PathBlock b = cpu.simulatePaths(task, first, count, threads, progress);
                for (double[] a : List.of(b.observed(), b.checkpointLn(), b.checkpointLow(), b.checkpointHigh())) {
                    java.util.Arrays.setAll(a, i -> a[i] * 1.5);
                }
                return b;
            }
        };
    }

    /** A backend whose device is not present on this machine. */
    static PathBackend absent() {
        PathBackend failing = failingFrom(0);
        return new PathBackend() {
            @Override
            public String id() {
                return "absent";
            }

            @Override
            public boolean isAvailable() {
                return false;
            }

            @Override
            public String device() {
                return "absent: no driver";
            }

            @Override
            public int preference() {
                return 0;
            }

            @Override
            public EuropeanRun simulateEuropean(EuropeanTask task, ProgressSink progress) {
                return failing.simulateEuropean(task, progress);
            }
        };
    }
}
