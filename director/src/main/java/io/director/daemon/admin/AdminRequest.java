package io.director.daemon.admin;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One command for the running daemon, as {@code director <command> [args]} would send it.
 * {@code json} asks for a machine-readable body (status --json).
 */
public record AdminRequest(String command, List<String> args, boolean json) {

    /** Commands that change the daemon's state; the server logs who asked for each. */
    public static final Set<String> STATE_CHANGING = Set.of("reload", "failover", "drill");

    public AdminRequest {
        Objects.requireNonNull(command, "command");
        args = List.copyOf(args);
    }

    public static AdminRequest of(String command, String... args) {
        return new AdminRequest(command, List.of(args), false);
    }

    public boolean changesState() {
        return STATE_CHANGING.contains(command);
    }
}
