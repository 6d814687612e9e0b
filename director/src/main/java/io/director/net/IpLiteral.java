package io.director.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** Parses IP address literals only: never a name, so never a DNS lookup. */
public final class IpLiteral {
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");

    private IpLiteral() {}

    /** An IPv4 or IPv6 literal; IllegalArgumentException naming the text otherwise. */
    public static InetAddress parse(String text) {
        String t = text.trim();
        var v4 = IPV4.matcher(t);
        boolean ok = v4.matches() ? octetsInRange(v4) : t.contains(":") && IPV6.matcher(t).matches();
        if (ok) {
            try {
                return InetAddress.getByName(t);
            } catch (UnknownHostException e) {
                // a malformed IPv6 literal; reported below
            }
        }
        throw new IllegalArgumentException("not an IP address: " + text);
    }

    /** The usual text: dotted quad, or RFC 5952 IPv6 (lower case, longest zero run as "::"), as {@code ip} prints. */
    public static String format(InetAddress address) {
        return io.director.config.model.Addresses.text(address);
    }

    private static boolean octetsInRange(java.util.regex.Matcher m) {
        for (int i = 1; i <= 4; i++) {
            if (Integer.parseInt(m.group(i)) > 255) {
                return false;
            }
        }
        return true;
    }
}
