package io.vaultrisk.cli;

import java.util.List;

/**
 * The chain commands (demo, executor; verify for the protocol module's signature checks) run on the executor, the
 * contracts and web3j core with its dependencies, which ./vaultrisk puts on the class path (cli/target/lib-chain) for
 * those commands only, so that every other command starts without them. Picocli reflects over every command class to register it, so a chain command keeps those
 * types out of its own method signatures and catch clauses (see {@code ExecutorCommand.Run}).
 */
final class ChainLibraries {
    /** One class from each part of lib-chain that the chain commands load. */
    private static final List<String> PROBES = List.of(
            "io.vaultrisk.executor.Executor",
            "io.vaultrisk.contracts.Chain",
            "org.web3j.protocol.Web3j",
            "org.web3j.crypto.Credentials");

    private ChainLibraries() {}

    /** Fails with one line saying what is missing and how to get it, before a chain command starts anything. */
    static void require() {
        for (String name : PROBES) {
            try {
                Class.forName(name, false, ChainLibraries.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("the chain libraries are not on the class path (no " + name
                        + "); start it with ./vaultrisk, which adds cli/target/lib-chain for demo and executor");
            }
        }
    }
}
