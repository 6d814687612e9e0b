package io.director.cli;

import io.director.net.Addresses;
import io.director.net.InterfaceAddress;
import io.director.net.IpLiteral;
import io.director.net.NetException;
import io.director.net.RtnetlinkAddresses;
import io.director.net.realserver.ProcSysctls;
import io.director.net.realserver.RealServerPlan;
import io.director.net.realserver.RealServerStep;
import io.director.net.realserver.Sysctls;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code director realserver up|down|check --vip VIP...}: the real-server side of LVS direct routing
 * (and tunnelling), which the LVS guides do by hand: each VIP on {@code lo} as a host address, and the
 * ARP sysctls that keep the real server from answering for it. Exit 0 when done (or nothing to do),
 * 1 when something failed or, for {@code check}, is missing; 2 for bad arguments.
 */
@Command(name = "realserver", mixinStandardHelpOptions = true,
        description = "The real-server side of DR/TUN: VIPs on lo, ARP sysctls.")
public final class RealServerCommand {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    /** Opens the kernel's address table; a function so tests can pass a fake. */
    interface AddressesOpener {
        Addresses open() throws NetException;
    }

    private final AddressesOpener opener;
    private final Sysctls sysctls;

    @Spec CommandSpec spec;

    public RealServerCommand() {
        this(RtnetlinkAddresses::open, ProcSysctls.system());
    }

    RealServerCommand(AddressesOpener opener, Sysctls sysctls) {
        this.opener = opener;
        this.sysctls = sysctls;
    }

    @Command(name = "up", mixinStandardHelpOptions = true,
            description = "Add each VIP on lo (/32 or /128) and set arp_ignore=1, arp_announce=2 (all, lo); idempotent.")
    int up(@Option(names = "--vip", required = true, paramLabel = "VIP", description = "a VIP (IPv4 or IPv6); repeat for more")
           List<String> vipArgs) {
        return withState(vipArgs, (vips, addresses, onLo, values) ->
                apply(RealServerPlan.up(vips, onLo, values), addresses));
    }

    @Command(name = "down", mixinStandardHelpOptions = true,
            description = "Remove each VIP from lo. The ARP sysctls are left as they are.")
    int down(@Option(names = "--vip", required = true, paramLabel = "VIP", description = "a VIP (IPv4 or IPv6); repeat for more")
             List<String> vipArgs) {
        return withState(vipArgs, (vips, addresses, onLo, values) -> {
            int status = apply(RealServerPlan.down(vips, onLo), addresses);
            out().println("ARP sysctls left as they are (other VIPs or hosts may rely on them)");
            return status;
        });
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Report what is missing for the VIPs (addresses, ARP sysctls, rp_filter for TUN); exit 1 if anything is.")
    int check(@Option(names = "--vip", required = true, paramLabel = "VIP", description = "a VIP (IPv4 or IPv6); repeat for more")
              List<String> vipArgs) {
        return withState(vipArgs, (vips, addresses, onLo, values) -> {
            List<String> problems = RealServerPlan.check(vips, onLo, values);
            for (String p : problems) {
                out().println("missing: " + p);
            }
            if (problems.isEmpty()) {
                out().println("ok: ready to serve " + String.join(", ", vips.stream().map(IpLiteral::format).toList()));
                return OK;
            }
            return FAILED;
        });
    }

    private interface Action {
        int run(List<InetAddress> vips, Addresses addresses, List<InterfaceAddress> onLo, Map<String, String> sysctls)
                throws NetException;
    }

    /** Parses the VIPs, reads the observed state, runs {@code action}; every failure becomes one line on stderr. */
    private int withState(List<String> vipArgs, Action action) {
        List<InetAddress> vips = new ArrayList<>();
        for (String arg : vipArgs) {
            try {
                vips.add(parseVip(arg));
            } catch (IllegalArgumentException e) {
                err().println("director realserver: " + e.getMessage());
                return USAGE;
            }
        }
        try (Addresses addresses = opener.open()) {
            List<InterfaceAddress> onLo = addresses.list(RealServerPlan.LOOPBACK);
            Map<String, String> values = new HashMap<>();
            for (String path : RealServerPlan.SYSCTLS) {
                sysctls.read(path).ifPresent(v -> values.put(path, v));
            }
            return action.run(vips, addresses, onLo, values);
        } catch (NetException e) {
            err().println("director realserver: " + e.getMessage());
            return FAILED;
        }
    }

    /** A VIP literal, optionally with its host prefix (/32, /128); any other prefix is refused. */
    static InetAddress parseVip(String arg) {
        int slash = arg.indexOf('/');
        InetAddress vip = IpLiteral.parse(slash < 0 ? arg : arg.substring(0, slash));
        if (slash >= 0 && !arg.substring(slash + 1).equals(Integer.toString(RealServerPlan.hostPrefix(vip)))) {
            throw new IllegalArgumentException("VIP " + arg + ": on a real server's lo a VIP is a host address (/"
                    + RealServerPlan.hostPrefix(vip) + "); a wider prefix would make the host claim the whole subnet");
        }
        return vip;
    }

    /** Executes the steps in order; a failing step is reported and the rest still run. */
    private int apply(List<RealServerStep> steps, Addresses addresses) {
        if (steps.isEmpty()) {
            out().println("nothing to do");
            return OK;
        }
        int status = OK;
        for (RealServerStep step : steps) {
            try {
                execute(step, addresses);
                out().println(step.done());
            } catch (NetException e) {
                err().println("failed: " + e.getMessage());
                status = FAILED;
            }
        }
        return status;
    }

    private void execute(RealServerStep step, Addresses addresses) throws NetException {
        if (step instanceof RealServerStep.AddVip a) {
            addresses.add(a.interfaceName(), a.vip(), a.prefixLength());
        } else if (step instanceof RealServerStep.RemoveVip r) {
            addresses.remove(r.interfaceName(), r.vip(), r.prefixLength());
        } else if (step instanceof RealServerStep.SetSysctl s) {
            sysctls.write(s.path(), s.to());
        }
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }

    private PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
