package io.director.config.core;

import io.director.config.model.Endpoint;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * Parses IP literals as operators write them, never resolving names (so loading a file does no DNS).
 * Errors are {@link IllegalArgumentException}s whose message is the reason to show.
 */
public final class AddressText {
    private AddressText() {}

    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+");

    /** An IPv4 or IPv6 literal. */
    public static InetAddress address(String text) {
        String t = text.trim();
        if (IPV4.matcher(t).matches()) {
            return literal(t, text);
        }
        if (t.indexOf(':') >= 0 && IPV6_CHARS.matcher(t).matches() && t.length() <= 45) {
            InetAddress a = literal(t, text);
            if (a instanceof Inet6Address || a instanceof Inet4Address) {
                return a;
            }
        }
        throw new IllegalArgumentException("invalid IP address \"" + text + "\" (expected an IPv4 or IPv6 literal)");
    }

    private static InetAddress literal(String t, String original) {
        try {
            return InetAddress.getByName(t);
        } catch (UnknownHostException | RuntimeException e) {
            throw new IllegalArgumentException("invalid IP address \"" + original + "\"");
        }
    }

    /** {@code ADDR:PORT} or {@code [IPV6]:PORT}; without a port, {@code defaultPort} (if > 0) applies. */
    public static Endpoint endpoint(String text, int defaultPort) {
        String t = text.trim();
        String host;
        String port = null;
        if (t.startsWith("[")) {
            int close = t.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("invalid endpoint \"" + text + "\" (missing ']')");
            }
            host = t.substring(1, close);
            String rest = t.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    throw new IllegalArgumentException("invalid endpoint \"" + text + "\"");
                }
                port = rest.substring(1);
            }
        } else if (t.indexOf(':') != t.lastIndexOf(':')) {
            host = t; // bare IPv6 without port
        } else if (t.indexOf(':') >= 0) {
            host = t.substring(0, t.indexOf(':'));
            port = t.substring(t.indexOf(':') + 1);
        } else {
            host = t;
        }
        InetAddress address = address(host);
        int p;
        if (port == null) {
            if (defaultPort <= 0) {
                throw new IllegalArgumentException("endpoint \"" + text + "\" needs a port (ADDRESS:PORT, [IPV6]:PORT)");
            }
            p = defaultPort;
        } else {
            p = port(port, text);
        }
        return new Endpoint(address, p);
    }

    private static int port(String s, String text) {
        if (!s.matches("\\d{1,5}")) {
            throw new IllegalArgumentException("invalid port in \"" + text + "\"");
        }
        int p = Integer.parseInt(s);
        if (p < 1 || p > 65535) {
            throw new IllegalArgumentException("port " + p + " in \"" + text + "\" is out of range 1..65535");
        }
        return p;
    }

    /** Maximum prefix length of an address's family. */
    public static int maxPrefix(InetAddress address) {
        return address instanceof Inet6Address ? 128 : 32;
    }

    /** A netmask as a prefix length: either a number or, for IPv4, a dotted mask such as 255.255.255.0. */
    public static int prefixOfMask(String text) {
        String t = text.trim();
        if (t.matches("\\d{1,3}")) {
            int p = Integer.parseInt(t);
            if (p > 128) {
                throw new IllegalArgumentException("prefix length " + p + " is out of range 0..128");
            }
            return p;
        }
        if (IPV4.matcher(t).matches()) {
            byte[] b = literal(t, text).getAddress();
            int bits = ((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
            int prefix = Integer.bitCount(bits);
            int expected = prefix == 0 ? 0 : -1 << (32 - prefix);
            if (bits != expected) {
                throw new IllegalArgumentException("netmask " + text + " is not contiguous");
            }
            return prefix;
        }
        throw new IllegalArgumentException("invalid netmask \"" + text + "\" (a prefix length or a dotted IPv4 mask)");
    }
}
