package io.director.lab;

import java.time.Duration;

/** A background command in the guest, running as its own process group. */
public final class Spawned {
    private final Guest guest;
    private final Guest.Command command;

    Spawned(Guest guest, Guest.Command command) {
        this.guest = guest;
        this.command = command;
    }

    /** Its stdout so far. */
    public String output() {
        return Guest.read(command.stdoutFile());
    }

    /** Its stderr so far. */
    public String errors() {
        return Guest.read(command.stderrFile());
    }

    public boolean isRunning() {
        return !command.done.isDone();
    }

    /** Waits up to {@code timeout} for it to end by itself; null when still running. */
    public Exec await(Duration timeout) {
        Integer code = guest.awaitDone(command, timeout);
        return code == null ? null : guest.result(command, code);
    }

    /** SIGTERM to its process group, SIGKILL after 10 s; returns how it ended. */
    public Exec stop() {
        if (isRunning()) {
            guest.kill(command, "TERM");
        }
        Integer code = guest.awaitDone(command, Duration.ofSeconds(10));
        if (code == null) {
            guest.kill(command, "KILL");
            code = guest.awaitDone(command, Duration.ofSeconds(10));
            if (code == null) {
                throw new LabException("[" + command.where + "] did not stop: " + command.text);
            }
        }
        return guest.result(command, code);
    }
}
