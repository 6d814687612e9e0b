package io.director.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every command that talks to the running daemon shares: which daemon, and how long to wait. */
final class AdminOptions {

    @Option(names = "--socket", paramLabel = "PATH",
            description = "the daemon's admin socket (default: from -c FILE, else the only *.sock in /run/director)")
    Path socket;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "the daemon's configuration file; its admin.socket or node-id names the socket")
    Path config;

    Path runDir = SocketLocator.RUN_DIR;
}
