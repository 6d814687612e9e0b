package io.director.cli;

import io.director.net.Addresses;
import io.director.net.Announcer;
import io.director.net.InterfaceAddress;
import io.director.net.IpLiteral;
import io.director.net.NetException;
import io.director.net.PacketAnnouncer;
import io.director.net.RtnetlinkAddresses;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Hidden {@code director net ...}: drives the address and announcement layer directly, without the
 * daemon, for lab tests and for an operator debugging a host. Exit 0 on success, 1 on a kernel error,
 * 2 for bad arguments.
 */
@Command(name = "net", hidden = true, mixinStandardHelpOptions = true,
        description = "Low-level: interface lookup, VIP add/remove/list, announcements.")
public final class NetCommand {
    @Spec CommandSpec spec;

    @Command(name = "link", description = "Print an interface's index, MAC, MTU and state.")
    int link(@Option(names = "--dev", required = true) String dev) {
        return run(() -> {
            try (Addresses a = RtnetlinkAddresses.open()) {
                var info = a.interfaceInfo(dev);
                out().printf("%s index=%d mac=%s mtu=%d %s%n", info.name(), info.index(), info.macText(), info.mtu(),
                        info.up() ? "up" : "down");
            }
        });
    }

    @Command(name = "vip-add", description = "Add each ADDRESS/PREFIX on an interface (IPv6 without DAD).")
    int vipAdd(@Option(names = "--dev", required = true) String dev,
               @Parameters(paramLabel = "ADDRESS/PREFIX", arity = "1..*") List<String> cidrs) {
        return run(() -> {
            List<Cidr> parsed = cidrs.stream().map(Cidr::parse).toList();
            try (Addresses a = RtnetlinkAddresses.open()) {
                for (Cidr c : parsed) {
                    boolean added = a.add(dev, c.address, c.prefix);
                    out().println((added ? "added " : "already present: ") + c + " on " + dev);
                }
            }
        });
    }

    @Command(name = "vip-del", description = "Remove each ADDRESS/PREFIX from an interface.")
    int vipDel(@Option(names = "--dev", required = true) String dev,
               @Parameters(paramLabel = "ADDRESS/PREFIX", arity = "1..*") List<String> cidrs) {
        return run(() -> {
            List<Cidr> parsed = cidrs.stream().map(Cidr::parse).toList();
            try (Addresses a = RtnetlinkAddresses.open()) {
                for (Cidr c : parsed) {
                    boolean removed = a.remove(dev, c.address, c.prefix);
                    out().println((removed ? "removed " : "not present: ") + c + " on " + dev);
                }
            }
        });
    }

    @Command(name = "vip-list", description = "List an interface's addresses, one ADDRESS/PREFIX a line.")
    int vipList(@Option(names = "--dev", required = true) String dev) {
        return run(() -> {
            try (Addresses a = RtnetlinkAddresses.open()) {
                for (InterfaceAddress ia : a.list(dev)) {
                    out().println(ia.cidr());
                }
            }
        });
    }

    @Command(name = "announce", description = "Announce VIPs: gratuitous ARP (both forms) or unsolicited NA, COUNT rounds.")
    int announce(@Option(names = "--dev", required = true) String dev,
                 @Option(names = "--vip", required = true) List<String> vipTexts,
                 @Option(names = "--count", defaultValue = "1") int count,
                 @Option(names = "--spacing-ms", defaultValue = "100") long spacingMs) {
        return run(() -> {
            List<InetAddress> vips = vipTexts.stream().map(IpLiteral::parse).toList();
            if (count < 1 || spacingMs < 0) {
                throw new IllegalArgumentException("--count must be at least 1 and --spacing-ms not negative");
            }
            try (Addresses a = RtnetlinkAddresses.open(); Announcer announcer = PacketAnnouncer.open(a)) {
                for (int i = 0; i < count; i++) {
                    if (i > 0) {
                        TimeUnit.MILLISECONDS.sleep(spacingMs);
                    }
                    for (InetAddress vip : vips) {
                        announcer.announce(dev, vip);
                        out().println("announced " + IpLiteral.format(vip) + " on " + dev);
                    }
                }
            }
        });
    }

    private interface Body {
        void run() throws NetException, InterruptedException;
    }

    private int run(Body body) {
        try {
            body.run();
            return RealServerCommand.OK;
        } catch (IllegalArgumentException e) {
            err().println("director net: " + e.getMessage());
            return RealServerCommand.USAGE;
        } catch (NetException e) {
            err().println("director net: " + e.getMessage());
            return RealServerCommand.FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return RealServerCommand.FAILED;
        }
    }

    private record Cidr(InetAddress address, int prefix) {
        static Cidr parse(String text) {
            int slash = text.indexOf('/');
            InetAddress a = IpLiteral.parse(slash < 0 ? text : text.substring(0, slash));
            int max = a.getAddress().length * 8;
            int prefix;
            try {
                prefix = slash < 0 ? max : Integer.parseInt(text.substring(slash + 1));
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (prefix < 0 || prefix > max) {
                throw new IllegalArgumentException("bad prefix in " + text + " (0.." + max + ")");
            }
            return new Cidr(a, prefix);
        }

        @Override
        public String toString() {
            return IpLiteral.format(address) + "/" + prefix;
        }
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }

    private PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
