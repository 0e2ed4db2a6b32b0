package io.vaultrisk.service.support;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.Supplier;

/** Secret files in the data directory: created owner-only (600) before a byte is written, never logged. */
public final class SecretFiles {
    private SecretFiles() {}

    public static byte[] readOrCreate(Path file, Supplier<byte[]> create) throws IOException {
        if (Files.exists(file)) {
            return Files.readAllBytes(file);
        }
        byte[] content = create.get();
        try {
            write(file, content);
        } catch (FileAlreadyExistsException e) {
            return Files.readAllBytes(file); // another process created it first: theirs wins
        }
        return content;
    }

    /** Writes a new file with permissions 600 (replacing an old one). */
    public static void write(Path file, byte[] content) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = dir.resolve(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.write(tmp, content, StandardOpenOption.TRUNCATE_EXISTING);
        Files.move(
                tmp,
                file,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
