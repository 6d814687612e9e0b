package io.director.ipvs;

import java.net.Inet6Address;
import java.net.InetAddress;

/** Text forms shared by ops, errors and the CLI. */
public final class Notation {
    private Notation() {}

    /** "198.51.100.11:80" or "[2001:db8::11]:80", with compressed IPv6. */
    public static String hostPort(InetAddress a, int port) {
        return a instanceof Inet6Address ? "[" + host(a) + "]:" + port : host(a) + ":" + port;
    }

    /** The address in its shortest usual text form (IPv6 compressed). */
    public static String host(InetAddress a) {
        if (a instanceof Inet6Address) {
            return compress(a.getHostAddress());
        }
        return a.getHostAddress();
    }

    private static String compress(String full) {
        String s = full;
        int pct = s.indexOf('%');
        if (pct >= 0) {
            s = s.substring(0, pct);
        }
        String[] parts = s.split(":");
        for (int i = 0; i < parts.length; i++) {
            parts[i] = parts[i].replaceFirst("^0+(?=.)", "");
        }
        // find longest run of "0" groups (length >= 2) to replace with "::"
        int bestStart = -1;
        int bestLen = 0;
        for (int i = 0; i < parts.length; ) {
            if (parts[i].equals("0")) {
                int j = i;
                while (j < parts.length && parts[j].equals("0")) {
                    j++;
                }
                if (j - i > bestLen) {
                    bestLen = j - i;
                    bestStart = i;
                }
                i = j;
            } else {
                i++;
            }
        }
        if (bestLen < 2) {
            return String.join(":", parts);
        }
        String head = String.join(":", java.util.Arrays.copyOfRange(parts, 0, bestStart));
        String tail = String.join(":", java.util.Arrays.copyOfRange(parts, bestStart + bestLen, parts.length));
        return head + "::" + tail;
    }
}
