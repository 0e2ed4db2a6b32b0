package io.vaultrisk.cli;

import picocli.CommandLine.Command;

/** The top-level command: each question Vaultrisk answers is a subcommand. */
@Command(
        name = "vaultrisk",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Monte Carlo risk engine for on-chain crypto vaults.",
        subcommands = {
            PriceCommand.class,
            RiskCommand.class,
            StressCommand.class,
            SurfaceCommand.class,
            VolCommand.class,
            BacktestCommand.class,
            AllocateCommand.class,
            ScenariosCommand.class,
            BenchCommand.class,
            ExecutorCommand.class,
            ServeCommand.class,
            VerifyCommand.class,
            DemoCommand.class,
            picocli.CommandLine.HelpCommand.class
        })
public final class VaultriskCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
