package io.director.cli;

import io.director.daemon.admin.AdminClient;
import io.director.daemon.admin.AdminRequest;
import io.director.daemon.admin.AdminResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Model.CommandSpec;

/** Sends one request to the daemon for a CLI command, prints the answer, and returns its exit code. */
final class AdminCall {
    private AdminCall() {}

    static int run(CommandSpec spec, AdminOptions options, AdminRequest request, Duration timeout) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            Path socket = SocketLocator.locate(options.socket, options.config, options.runDir);
            AdminResponse r = AdminClient.call(socket, request, timeout);
            PrintWriter to = r.exitCode() == 0 ? out : err;
            to.print(r.body());
            if (!r.body().isEmpty() && !r.body().endsWith("\n")) {
                to.println();
            }
            to.flush();
            return r.exitCode();
        } catch (SocketLocator.NotFound | IOException e) {
            err.println("director " + request.command() + ": " + e.getMessage());
            err.flush();
            return 1;
        } catch (IllegalArgumentException e) {
            err.println("director " + request.command() + ": " + e.getMessage());
            err.flush();
            return 2;
        }
    }
}
