package io.director.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Finds the admin socket of the daemon a command talks to: {@code --socket} when given; else the
 * configuration file's {@code director.admin.socket}, or {@code RUN_DIR/<node-id>.sock}; else the one
 * {@code *.sock} in the run directory. Reads only those two keys, so a file being edited (invalid
 * elsewhere) still names its daemon.
 */
final class SocketLocator {
    static final Path RUN_DIR = Path.of("/run/director");

    private SocketLocator() {}

    /** A reason the socket cannot be found, worded for the operator. */
    static final class NotFound extends Exception {
        NotFound(String message) {
            super(message);
        }
    }

    static Path locate(Path socket, Path config, Path runDir) throws NotFound {
        if (socket != null) {
            return socket;
        }
        if (config != null) {
            return fromConfig(config, runDir);
        }
        List<Path> found;
        try (Stream<Path> s = Files.list(runDir)) {
            found = s.filter(p -> p.getFileName().toString().endsWith(".sock")).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new NotFound("no director daemon found: " + runDir + " does not exist or cannot be read;"
                    + " is the daemon running? (name its socket with --socket PATH or its configuration with -c FILE)");
        }
        if (found.size() == 1) {
            return found.get(0);
        }
        if (found.isEmpty()) {
            throw new NotFound("no director daemon found: no *.sock in " + runDir + "; is the daemon running?");
        }
        throw new NotFound("several director daemons in " + runDir + ": "
                + found.stream().map(p -> p.getFileName().toString()).collect(Collectors.joining(", "))
                + "; choose one with --socket PATH or -c FILE");
    }

    private static Path fromConfig(Path file, Path runDir) throws NotFound {
        if (!Files.isReadable(file)) {
            throw new NotFound(file + ": cannot read the configuration file");
        }
        Config c;
        try {
            c = ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false)).resolve();
        } catch (ConfigException e) {
            throw new NotFound(file + ": cannot find the daemon's socket in it: " + e.getMessage());
        }
        try {
            if (c.hasPath("director.admin.socket")) {
                return Path.of(c.getString("director.admin.socket"));
            }
            if (c.hasPath("director.node-id")) {
                return runDir.resolve(c.getString("director.node-id") + ".sock");
            }
        } catch (ConfigException e) {
            throw new NotFound(file + ": " + e.getMessage());
        }
        throw new NotFound(file + ": has neither director.admin.socket nor director.node-id to find the daemon by");
    }
}
