package io.vaultrisk.service.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretFilesTest {
    @TempDir
    Path tmp;

    @Test
    void readOrCreate_worldReadableExistingKey_madeOwnerOnlyAndContentKept() throws Exception {
        Path key = tmp.resolve("signer.key");
        Files.writeString(key, "abc");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));

        byte[] read = SecretFiles.readOrCreate(key, () -> "new".getBytes(StandardCharsets.US_ASCII));

        assertThat(new String(read, StandardCharsets.US_ASCII)).isEqualTo("abc");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
                .isEqualTo("rw-------");
    }

    @Test
    void readOrCreate_missing_createdOwnerOnly() throws Exception {
        Path key = tmp.resolve("d/pepper.key");
        SecretFiles.readOrCreate(key, () -> new byte[] {1, 2});
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
                .isEqualTo("rw-------");
    }

    @Test
    void ownerOnlyDirectory_existingWorldReadableOrMissing_700() throws Exception {
        Path open = tmp.resolve("data");
        Files.createDirectories(open);
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxr-xr-x"));
        SecretFiles.ownerOnlyDirectory(open);
        SecretFiles.ownerOnlyDirectory(tmp.resolve("fresh/db"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(open)))
                .isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp.resolve("fresh/db"))))
                .isEqualTo("rwx------");
    }
}
