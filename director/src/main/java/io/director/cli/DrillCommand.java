package io.director.cli;

import io.director.daemon.admin.AdminRequest;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code director drill --count N}: N handovers and back, run by the daemon, with its measured report. */
@Command(name = "drill", mixinStandardHelpOptions = true, description = "Run N handovers and back through the running daemon; prints the measured report.")
public final class DrillCommand implements Callable<Integer> {
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
        if (intervalMillis < 0) {
            throw new ParameterException(spec.commandLine(), "--interval must not be negative");
        }
        if (timeoutSeconds <= 0) {
            throw new ParameterException(spec.commandLine(), "--timeout must be a positive number of seconds");
        }
        return AdminCall.run(spec, admin, AdminRequest.of("drill", "--count", String.valueOf(count), "--interval", String.valueOf(intervalMillis)),
                Duration.ofSeconds(timeoutSeconds));
    }
}
