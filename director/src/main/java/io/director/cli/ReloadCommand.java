package io.director.cli;

import io.director.daemon.admin.AdminRequest;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code director reload}: the daemon re-reads its file; prints what changed, or exits 1 with the reasons. */
@Command(name = "reload", mixinStandardHelpOptions = true, description = "Tell the running daemon to reload its configuration file; prints what changed,"
        + " or exits 1 with the reasons it was refused.")
public final class ReloadCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin AdminOptions admin;

    @Override
    public Integer call() {
        return AdminCall.run(spec, admin, AdminRequest.of("reload"), Duration.ofSeconds(60));
    }
}
