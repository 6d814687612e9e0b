package io.director.lab.tools;

import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** "--name value" arguments of the lab's guest tools; bad input is a {@link IllegalArgumentException} with a clear message. */
final class ToolArgs {
    private final Map<String, String> values = new HashMap<>();

    ToolArgs(String[] args, Set<String> known) {
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (!name.startsWith("--") || !known.contains(name.substring(2))) {
                throw new IllegalArgumentException("unknown argument '" + name + "'; known: --" + String.join(" --", known));
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            values.put(name.substring(2), args[++i]);
        }
    }

    String text(String name, String fallback) {
        String v = values.getOrDefault(name, fallback);
        if (v == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return v;
    }

    int positive(String name, int fallback) {
        String v = text(name, Integer.toString(fallback));
        try {
            int n = Integer.parseInt(v);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--" + name + " wants a positive whole number, not '" + v + "'");
    }

    /** HOST:PORT or [IPV6]:PORT. */
    InetSocketAddress target(String name) {
        String v = text(name, null);
        int colon = v.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("--" + name + " wants HOST:PORT or [IPV6]:PORT, not '" + v + "'");
        }
        String host = v.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            int port = Integer.parseInt(v.substring(colon + 1));
            return new InetSocketAddress(host, port);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--" + name + " wants HOST:PORT or [IPV6]:PORT, not '" + v + "'");
        }
    }

    static String hostHeader(InetSocketAddress a) {
        String h = a.getHostString();
        return h.contains(":") ? "[" + h + "]" : h;
    }
}
