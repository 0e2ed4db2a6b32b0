package io.vaultrisk.cli;

import picocli.CommandLine;

/** Entry point of the {@code vaultrisk} command. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (0 ok, 1 failure, 2 bad input, 3 infeasible). */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new VaultriskCommand());
        cli.setParameterExceptionHandler(CliSupport::onBadParameter);
        cli.setExecutionExceptionHandler(CliSupport::onFailure);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        return cli.execute(args);
    }
}
