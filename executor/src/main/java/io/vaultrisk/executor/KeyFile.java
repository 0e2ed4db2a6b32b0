package io.vaultrisk.executor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.WalletUtils;

/** The executor account's key: a text file whose first line is the hex private key (with or without 0x). */
public final class KeyFile {

    private KeyFile() {}

    public static Credentials read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new ExecutorException("keyFile: cannot read " + file + ": " + e.getMessage(), e);
        }
        String key = text.lines().findFirst().orElse("").strip();
        if (!WalletUtils.isValidPrivateKey(key)) {
            throw new ExecutorException("keyFile: " + file + " does not hold a 32-byte hex private key");
        }
        return Credentials.create(key);
    }
}
