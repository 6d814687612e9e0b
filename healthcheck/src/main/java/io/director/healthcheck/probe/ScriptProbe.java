package io.director.healthcheck.probe;

import io.director.config.model.Addresses;
import io.director.config.model.ScriptCheck;
import io.director.healthcheck.core.CheckOutcome;
import io.director.healthcheck.core.CheckTarget;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Runs {@code sh -c COMMAND} in a session of its own ({@code setsid}), so that at the timeout the whole
 * process group dies, children included. Exit 0 means up. Starting and killing processes may block, so
 * they run on {@code blocking}, never on an event loop. The script sees the real server in
 * {@code DIRECTOR_REAL_SERVER_ADDRESS} and {@code DIRECTOR_REAL_SERVER_PORT}.
 */
final class ScriptProbe implements Probe {

    private final CheckTarget target;
    private final ScriptCheck check;
    private final Executor blocking;

    ScriptProbe(CheckTarget target, ScriptCheck check, Executor blocking) {
        this.target = target;
        this.check = check;
        this.blocking = blocking;
    }

    @Override
    public Attempt start(Consumer<CheckOutcome> done) {
        AtomicReference<Process> running = new AtomicReference<>();
        AtomicBoolean aborted = new AtomicBoolean();
        blocking.execute(() -> {
            if (aborted.get()) {
                return;
            }
            Process process;
            try {
                process = ProcessGroups.start(check.command(), List.of(), Map.of(
                        "DIRECTOR_REAL_SERVER_ADDRESS", Addresses.text(target.address()),
                        "DIRECTOR_REAL_SERVER_PORT", Integer.toString(target.port())));
            } catch (IOException e) {
                done.accept(CheckOutcome.failed(Failures.describe("cannot run script", e)));
                return;
            }
            running.set(process);
            if (aborted.get()) {
                ProcessGroups.killGroup(process);
                return;
            }
            process.onExit().thenAccept(p -> done.accept(p.exitValue() == 0
                    ? CheckOutcome.ok("exit 0")
                    : CheckOutcome.failed("script exit " + p.exitValue())));
        });
        return () -> {
            aborted.set(true);
            Process process = running.get();
            if (process != null) {
                blocking.execute(() -> ProcessGroups.killGroup(process));
            }
        };
    }

    @Override
    public void close() {
        // nothing is kept between attempts; a running attempt is aborted by the engine
    }
}
