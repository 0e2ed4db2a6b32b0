package io.vaultrisk.cli;

import io.vaultrisk.kernels.BackendException;
import io.vaultrisk.kernels.Backends;
import io.vaultrisk.montecarlo.compute.ComputeBackend;
import java.util.function.Supplier;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * {@code --backend} and {@code --fallback} of the commands that simulate books (risk, stress, allocate --book,
 * backtest). A backend asked for by name that is absent or fails is a usage error (exit 2, one line) unless
 * {@code --fallback cpu} is given: a user who asked for the GPU should not get a CPU timing silently. {@code auto}
 * always falls back with a warning. A device that is present but has no kernel for the task runs it on the CPU with
 * a warning either way.
 */
final class BackendOptions {
    @Option(
            names = "--backend",
            defaultValue = "cpu",
            paramLabel = "ID",
            description = "Where the paths run: cpu (default), opencl, opencl-float, cuda, cuda-float or auto (the"
                    + " fastest available, falling back to the CPU).")
    String backend;

    @Option(
            names = "--fallback",
            paramLabel = "cpu",
            description = "cpu: when the --backend device is absent or fails, run on the CPU with a warning instead"
                    + " of exiting 2.")
    String fallback;

    /** Exit 2 naming --backend unless {@code name} is a backend on the class path or auto. */
    static void requireKnown(CommandSpec spec, String name) {
        CliSupport.require(
                spec,
                Backends.names().contains(name),
                "--backend",
                "unknown backend '" + name + "' (allowed: " + String.join(", ", Backends.names()) + ")");
    }

    ComputeBackend compute(CommandSpec spec) {
        requireKnown(spec, backend);
        CliSupport.require(
                spec, fallback == null || fallback.equals("cpu"), "--fallback", "must be cpu, got '" + fallback + "'");
        return ComputeBackend.of(backend, fallback != null);
    }

    /** Runs {@code run}; a backend that is absent or failed without --fallback is exit 2 with one line. */
    static <T> T run(CommandSpec spec, Supplier<T> run) {
        try {
            return run.get();
        } catch (BackendException e) {
            throw CliSupport.badInput(
                    spec,
                    "--backend",
                    CliSupport.oneLine(e.getMessage()) + "; pass --fallback cpu to run on the CPU instead");
        }
    }
}
