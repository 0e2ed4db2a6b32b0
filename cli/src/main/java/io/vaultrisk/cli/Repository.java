package io.vaultrisk.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the repository (and its built service, examples and node_modules) is: set by the ./vaultrisk launcher. */
final class Repository {
    private Repository() {}

    static Path root() {
        String root = System.getProperty("vaultrisk.root");
        Path p = root != null ? Path.of(root) : Path.of("").toAbsolutePath();
        if (!Files.isRegularFile(p.resolve("pom.xml"))) {
            throw new IllegalStateException("cannot find the Vaultrisk repository at " + p
                    + " (run through ./vaultrisk, which sets -Dvaultrisk.root)");
        }
        return p;
    }
}
