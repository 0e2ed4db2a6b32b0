package io.vaultrisk.executor;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The executor's state as a small JSON file, replaced atomically: written to a temporary file in the same directory,
 * forced to disk, then renamed over the old one, so a crash leaves either the old state or the new, never half.
 */
final class StateStore {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path file;

    StateStore(Path file) {
        this.file = file.toAbsolutePath();
    }

    ExecutorState load(String vault, long chainId) {
        if (!Files.exists(file)) {
            return ExecutorState.fresh(vault, chainId);
        }
        ExecutorState s;
        try {
            s = JSON.readValue(file.toFile(), ExecutorState.class);
        } catch (IOException e) {
            throw new ExecutorException("state file " + file + " is unreadable (" + e.getMessage()
                    + "); move it away only if no rebalance may be in flight");
        }
        if (s.vault() == null || !s.vault().equalsIgnoreCase(vault) || s.chainId() != chainId) {
            throw new ExecutorException("state file " + file + " belongs to vault " + s.vault() + " on chain "
                    + s.chainId() + ", not " + vault + " on chain " + chainId);
        }
        return s;
    }

    void save(ExecutorState state) {
        try {
            Path dir = file.getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
            try (FileChannel ch =
                    FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ch.write(java.nio.ByteBuffer.wrap(JSON.writeValueAsBytes(state)));
                ch.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write executor state " + file, e);
        }
    }

    Path file() {
        return file;
    }

    /**
     * Takes an exclusive OS lock next to the state file, so that two executors can never work from the same state
     * (each would think the other's pending transaction is its own). The OS drops it when the process dies.
     */
    java.nio.channels.FileLock lock() {
        Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
        try {
            Files.createDirectories(file.getParent());
            FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            java.nio.channels.FileLock lock;
            try {
                lock = ch.tryLock();
            } catch (java.nio.channels.OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                ch.close();
                throw new ExecutorException("stateFile: " + file + " is in use by another executor");
            }
            return lock;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock executor state " + lockFile, e);
        }
    }
}
