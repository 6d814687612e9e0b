package io.director.lab;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Where the lab can run and where its pieces are: system properties lab.skip, lab.root, lab.boot-timeout. */
final class LabEnvironment {
    static final Path KERNEL = Path.of("/usr/bin/linux.uml");

    private LabEnvironment() {
    }

    /** Why lab tests cannot run here, or empty when they can. */
    static Optional<String> whyNot() {
        if (Boolean.getBoolean("lab.skip")) {
            return Optional.of("lab tests skipped: -Dlab.skip=true");
        }
        if (!Files.isExecutable(KERNEL)) {
            return Optional.of("lab tests skipped: User-Mode Linux is not installed (" + KERNEL
                    + " missing; bin/install-deps installs the user-mode-linux package)");
        }
        return Optional.empty();
    }

    /** The checkout: lab.root, else the first folder upwards from the working directory holding lab/bin/lab. */
    static Path projectRoot() {
        String configured = System.getProperty("lab.root");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isExecutable(p.resolve("lab/bin/lab"))) {
                return p;
            }
        }
        throw new LabException("cannot find the project checkout (a folder with lab/bin/lab) above "
                + Path.of("").toAbsolutePath() + "; set -Dlab.root=DIR");
    }

    static Duration bootTimeout() {
        return Duration.ofSeconds(Long.getLong("lab.boot-timeout", 180));
    }
}
