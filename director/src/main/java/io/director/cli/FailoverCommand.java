package io.director.cli;

import io.director.daemon.admin.AdminRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code director failover [--to NODE]}: a graceful handover; waits until done and prints its measured time. */
@Command(name = "failover", mixinStandardHelpOptions = true, description = "Hand mastership over gracefully (to NODE, or the best other member);"
        + " waits until done and prints the measured handover time.")
public final class FailoverCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin AdminOptions admin;

    @Option(names = "--to", paramLabel = "NODE", description = "the node-id that should become master")
    String to;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "120",
            description = "how long to wait for the handover (default: ${DEFAULT-VALUE})")
    int timeoutSeconds;

    @Override
    public Integer call() {
        if (timeoutSeconds <= 0) {
            throw new ParameterException(spec.commandLine(), "--timeout must be a positive number of seconds");
        }
        List<String> args = new ArrayList<>();
        if (to != null) {
            args.add("--to");
            args.add(to);
        }
        return AdminCall.run(spec, admin, new AdminRequest("failover", args, false), Duration.ofSeconds(timeoutSeconds));
    }
}
