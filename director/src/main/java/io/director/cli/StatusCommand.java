package io.director.cli;

import io.director.daemon.admin.AdminRequest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code director status [--json]}: the running daemon's role, members, VIPs, services and real servers. */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Show the running daemon's role, members, VIPs, services and real servers.")
public final class StatusCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin AdminOptions admin;

    @Option(names = "--json", description = "print JSON instead of text")
    boolean json;

    @Override
    public Integer call() {
        return AdminCall.run(spec, admin, new AdminRequest("status", List.of(), json), Duration.ofSeconds(10));
    }
}
