package io.vaultrisk.executor;

import io.vaultrisk.executor.ExecutorState.Pending;
import java.util.Arrays;

/**
 * Runs one executor poll in its own JVM and halts that JVM (no finally blocks, no shutdown hooks, like a SIGKILL)
 * at the named checkpoint: {@code persisted} (signed and written, not yet broadcast) or {@code broadcast} (sent,
 * receipt not yet recorded). Arguments: the checkpoint, then {@link ExecutorMain}'s options.
 */
final class HaltingExecutorMain {

    static final int HALT_STATUS = 137;

    private HaltingExecutorMain() {}

    public static void main(String[] args) throws Exception {
        String at = args[0];
        ExecutorConfig config = ExecutorMain.parse(Arrays.copyOfRange(args, 1, args.length));
        Executor.Checkpoints halt = new Executor.Checkpoints() {
            @Override
            public void persisted(Pending pending) {
                haltIf("persisted", at);
            }

            @Override
            public void broadcast(Pending pending) {
                haltIf("broadcast", at);
            }
        };
        try (Executor executor = new Executor(config, halt)) {
            System.out.println(executor.runOnce());
        }
    }

    private static void haltIf(String checkpoint, String at) {
        if (checkpoint.equals(at)) {
            Runtime.getRuntime().halt(HALT_STATUS);
        }
    }
}
