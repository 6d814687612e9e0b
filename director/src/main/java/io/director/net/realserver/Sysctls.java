package io.director.net.realserver;

import io.director.net.NetException;
import java.util.Optional;

/**
 * Kernel parameters by path under {@code /proc/sys}, e.g. {@code net/ipv4/conf/all/arp_ignore}
 * (paths rather than dotted names, so interface names with dots stay unambiguous).
 */
public interface Sysctls {

    /** The value, trimmed; empty if the parameter does not exist (e.g. no such interface). */
    Optional<String> read(String path) throws NetException;

    void write(String path, String value) throws NetException;

    /** The name {@code sysctl(8)} uses: dots between parts, any dot inside a part becomes a slash. */
    static String displayName(String path) {
        StringBuilder b = new StringBuilder(path.length());
        for (char c : path.toCharArray()) {
            b.append(c == '/' ? '.' : c == '.' ? '/' : c);
        }
        return b.toString();
    }
}
