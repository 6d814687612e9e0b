package io.director.daemon;

import io.director.config.model.DirectorConfig;
import io.director.config.model.Forwarding;
import io.director.config.model.RealServerConfig;
import io.director.config.model.ServiceConfig;
import io.director.net.NetException;
import io.director.net.realserver.Sysctls;
import java.net.Inet6Address;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the director host's kernel settings get wrong for the configured services, as one warning line each.
 * NAT needs the host prepared: the real servers' replies pass through the director, so it must forward them,
 * and on one LAN it must not tell the real servers (by ICMP redirect) to bypass it. DR and TUN need neither:
 * IPVS hands their packets on itself. And for every method: a new connection from a client port that an
 * earlier connection used follows that connection's entry (kept for minutes after it ended) to its real
 * server, even one drained to weight 0 or removed after failing its checks, unless expire_nodest_conn is on.
 * Advice only: nothing is changed.
 */
public final class HostAdvice {
    private HostAdvice() {}

    public static List<String> of(DirectorConfig config, Sysctls sysctls) throws NetException {
        boolean nat4 = false;
        boolean nat6 = false;
        for (ServiceConfig s : config.services()) {
            if (s.forwarding() == Forwarding.NAT) {
                for (RealServerConfig rs : s.realServers()) {
                    if (rs.address() instanceof Inet6Address) {
                        nat6 = true;
                    } else {
                        nat4 = true;
                    }
                }
            }
        }
        List<String> advice = new ArrayList<>();
        if (!config.services().isEmpty()) {
            expect(sysctls, "net/ipv4/vs/expire_nodest_conn", "1", "new connections from a reused client port would follow"
                    + " old entries to drained (weight 0) or removed real servers", advice);
        }
        if (nat4) {
            expect(sysctls, "net/ipv4/ip_forward", "1", "forwarding = nat: the director forwards the real servers' replies", advice);
            for (String dev : List.of("all", config.interfaceName())) {
                expect(sysctls, "net/ipv4/conf/" + dev + "/send_redirects", "0",
                        "forwarding = nat on one LAN: ICMP redirects would send the real servers' replies around the director", advice);
            }
        }
        if (nat6) {
            expect(sysctls, "net/ipv6/conf/all/forwarding", "1", "forwarding = nat (IPv6): the director forwards the real servers' replies", advice);
        }
        return advice;
    }

    private static void expect(Sysctls sysctls, String path, String want, String why, List<String> advice) throws NetException {
        Optional<String> have = sysctls.read(path);
        if (have.isPresent() && !have.get().equals(want)) {
            advice.add(why + "; set " + Sysctls.displayName(path) + " = " + want + " (it is " + have.get() + ")");
        }
    }
}
