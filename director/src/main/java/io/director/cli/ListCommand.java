package io.director.cli;

import io.director.ipvs.Info;
import io.director.ipvs.IpvsException;
import io.director.ipvs.IpvsTable;
import io.director.ipvs.NetlinkIpvs;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code director list}: the kernel's IPVS table, like {@code ipvsadm -Ln}. It reads the kernel itself,
 * not the daemon, so it shows the truth even when the daemon is down; {@code director status} has the
 * daemon's view (health, weights it wants).
 */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "Show the kernel's IPVS table, like ipvsadm -Ln.")
public final class ListCommand implements Callable<Integer> {

    @Option(names = "--stats", description = "Show counters (connections, packets, bytes) like ipvsadm -Ln --stats.")
    boolean stats;

    @Option(names = "--json", description = "Print the table as JSON.")
    boolean json;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (NetlinkIpvs ipvs = NetlinkIpvs.open()) {
            Info info = ipvs.info();
            IpvsTable table = ipvs.table();
            out.print(json ? IpvsListing.json(info, table) : IpvsListing.text(info, table, stats));
            out.flush();
            return 0;
        } catch (IpvsException e) {
            err.println("director list: " + e.getMessage());
            err.flush();
            return 1;
        }
    }
}
