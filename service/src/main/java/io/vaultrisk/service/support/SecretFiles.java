package io.vaultrisk.service.support;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Secret files in the data directory: created owner-only (600) before a byte is written, never logged. An existing
 * secret others may read is made owner-only with a warning (it may already have leaked: the warning says to rotate).
 */
public final class SecretFiles {
    private static final Logger LOG = Logger.getLogger(SecretFiles.class);
    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.OTHERS_EXECUTE);

    private SecretFiles() {}

    public static byte[] readOrCreate(Path file, Supplier<byte[]> create) throws IOException {
        if (Files.exists(file)) {
            if (others(file)) {
                LOG.warnf(
                        "%s was readable by others (%s); made owner-only (rw-------). Rotate the secret it holds if "
                                + "anyone else could have read it.",
                        file, PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            }
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

    /**
     * Creates the directory owner-only (700), or makes an existing one so: the files in it (the H2 database, the
     * keys) are then out of others' reach whatever their own permissions (H2 creates its files by the umask).
     */
    public static void ownerOnlyDirectory(Path dir) throws IOException {
        Files.createDirectories(dir);
        if (others(dir)) {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        }
    }

    private static boolean others(Path path) throws IOException {
        return Files.getPosixFilePermissions(path).stream().anyMatch(OTHERS::contains);
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
