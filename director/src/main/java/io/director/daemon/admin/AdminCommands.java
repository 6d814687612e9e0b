package io.director.daemon.admin;

import java.util.Map;
import java.util.TreeMap;

/**
 * An {@link AdminHandler} that routes each command name to its own handler and answers unknown
 * commands with exit 2 and the list of known ones. Build it once, before the server starts.
 */
public final class AdminCommands implements AdminHandler {
    private final Map<String, AdminHandler> byName = new TreeMap<>();

    /** Adds {@code command}; returns this for chaining. */
    public AdminCommands on(String command, AdminHandler handler) {
        if (byName.putIfAbsent(command, handler) != null) {
            throw new IllegalArgumentException("admin command registered twice: " + command);
        }
        return this;
    }

    @Override
    public AdminResponse handle(AdminRequest request, Peer peer) {
        AdminHandler h = byName.get(request.command());
        if (h == null) {
            return AdminResponse.badRequest("unknown command '" + request.command() + "'; this daemon knows: "
                    + String.join(", ", byName.keySet()) + "\n");
        }
        return h.handle(request, peer);
    }
}
