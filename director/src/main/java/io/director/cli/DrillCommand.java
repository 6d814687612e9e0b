package io.director.cli;

import io.director.daemon.admin.AdminClient;
import io.director.daemon.admin.AdminRequest;
import io.director.daemon.admin.AdminResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code director drill --count N}: N handovers and back, run by the daemon, with its measured report.
 * While the daemon runs the legs, this asks it for their progress twice a second and prints each
 * finished leg on stderr, so the report on stdout stays clean.
 */
@Command(name = "drill", mixinStandardHelpOptions = true, description = "Run N handovers and back through the running daemon; prints the measured report.")
public final class DrillCommand implements Callable<Integer> {
    private static final Duration PROGRESS_EVERY = Duration.ofMillis(500);

    @Spec CommandSpec spec;
    @Mixin AdminOptions admin;

    @Option(names = "--count", paramLabel = "N", defaultValue = "1", description = "handovers and back (default: ${DEFAULT-VALUE})")
    int count;

    @Option(names = "--interval", paramLabel = "MILLIS", defaultValue = "2000",
            description = "pause between handovers in ms (default: ${DEFAULT-VALUE})")
    long intervalMillis;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "600",
            description = "how long to wait for the whole drill (default: ${DEFAULT-VALUE})")
    int timeoutSeconds;

    @Override
    public Integer call() {
        if (count <= 0) {
            throw new ParameterException(spec.commandLine(), "--count must be at least 1");
        }
        if (count > 1000) {
            throw new ParameterException(spec.commandLine(), "--count must be at most 1000");
        }
        if (intervalMillis < 0) {
            throw new ParameterException(spec.commandLine(), "--interval must not be negative");
        }
        if (timeoutSeconds <= 0) {
            throw new ParameterException(spec.commandLine(), "--timeout must be a positive number of seconds");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path socket;
        try {
            socket = SocketLocator.locate(admin.socket, admin.config, admin.runDir);
        } catch (SocketLocator.NotFound e) {
            err.println("director drill: " + e.getMessage());
            err.flush();
            return 1;
        }
        AdminRequest request = AdminRequest.of("drill", "--count", String.valueOf(count), "--interval", String.valueOf(intervalMillis));
        Duration timeout = Duration.ofSeconds(timeoutSeconds);
        CompletableFuture<AdminResponse> drill = CompletableFuture.supplyAsync(() -> {
            try {
                return AdminClient.call(socket, request, timeout);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        AdminResponse r;
        int shown = 0;
        try {
            while (true) {
                try {
                    r = drill.get(PROGRESS_EVERY.toMillis(), TimeUnit.MILLISECONDS);
                    break;
                } catch (TimeoutException e) {
                    shown = showProgress(socket, err, shown);
                }
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof UncheckedIOException u ? u.getCause() : e.getCause();
            err.println("director drill: " + cause.getMessage());
            err.flush();
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
        PrintWriter to = r.exitCode() == 0 ? out : err;
        to.print(r.body());
        if (!r.body().isEmpty() && !r.body().endsWith("\n")) {
            to.println();
        }
        to.flush();
        return r.exitCode();
    }

    /** Prints the legs finished since the last call; returns how many have been shown. */
    private static int showProgress(Path socket, PrintWriter err, int shown) {
        try {
            AdminResponse p = AdminClient.call(socket, AdminRequest.of("drill-progress"), Duration.ofSeconds(5));
            if (p.exitCode() != 0 || p.body().isBlank()) {
                return shown;
            }
            String[] lines = p.body().split("\n");
            for (int i = shown; i < lines.length; i++) {
                err.println("director drill: " + lines[i]);
            }
            err.flush();
            return Math.max(shown, lines.length);
        } catch (IOException e) {
            return shown;  // progress is a courtesy; the drill's own answer says what happened
        }
    }
}
