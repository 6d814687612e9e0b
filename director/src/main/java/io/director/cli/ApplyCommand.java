package io.director.cli;

import io.director.config.hocon.ConfigFile;
import io.director.config.hocon.LoadResult;
import io.director.config.model.DirectorConfig;
import io.director.config.model.Vip;
import io.director.ipvs.BatchResult;
import io.director.ipvs.IpvsException;
import io.director.ipvs.IpvsOp;
import io.director.ipvs.NetlinkIpvs;
import io.director.ipvs.OpResult;
import io.director.ipvs.ServiceKey;
import io.director.net.NetException;
import io.director.net.PacketAnnouncer;
import io.director.net.RtnetlinkAddresses;
import io.director.plan.DesiredTable;
import io.director.plan.DesiredTables;
import io.director.plan.HealthView;
import io.director.plan.IpvsPlanner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code director apply -c FILE --once}: VIPs and the IPVS table from the file, once, with no cluster and
 * no checks (every real server counts as up). Like ipvsadm-restore, but it diffs: only what differs is
 * sent, so applying twice does nothing the second time. Prints each operation; exit 0 when all applied.
 */
@Command(mixinStandardHelpOptions = true, name = "apply", description = "Program the VIPs and the IPVS table from a configuration once (no cluster, no checks), as a minimal diff.")
public final class ApplyCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE", description = "the configuration file (HOCON)")
    Path file;

    @Option(names = "--once", required = true, description = "apply once and exit (the only mode for now)")
    boolean once;

    @Option(names = "--no-vips", description = "program IPVS only; leave addresses alone")
    boolean noVips;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        LoadResult loaded = new ConfigFile(file).load();
        if (!loaded.isValid()) {
            loaded.problemLines().forEach(err::println);
            err.flush();
            return 1;
        }
        DirectorConfig config = loaded.config().orElseThrow();
        int failures = 0;
        if (!noVips && !config.vips().isEmpty()) {
            failures += applyVips(config, out, err);
        }
        try (NetlinkIpvs ipvs = NetlinkIpvs.open()) {
            DesiredTable desired = DesiredTables.from(config, HealthView.ALL_UP);
            Set<ServiceKey> ours = config.services().stream().map(s -> DesiredTables.key(s.id())).collect(Collectors.toSet());
            List<IpvsOp> ops = IpvsPlanner.plan(desired, ipvs.table(), IpvsPlanner.ownership(config.ipvs().ownsTable(), ours));
            BatchResult result = ipvs.apply(ops);
            for (OpResult r : result.results()) {
                if (r.error().isPresent()) {
                    failures++;
                    err.println("failed: " + r.error().get().getMessage());
                } else {
                    out.println("applied: " + r.op());
                }
            }
            out.println(ops.isEmpty() ? "ipvs: nothing to do (" + desired.services().size() + " services, "
                    + desired.destCount() + " real servers already as configured)"
                    : "ipvs: " + result.appliedCount() + " of " + ops.size() + " operations applied");
        } catch (IpvsException e) {
            err.println("director apply: " + e.getMessage());
            failures++;
        }
        out.flush();
        err.flush();
        return failures == 0 ? 0 : 1;
    }

    private static int applyVips(DirectorConfig config, PrintWriter out, PrintWriter err) {
        int failures = 0;
        try (RtnetlinkAddresses addresses = RtnetlinkAddresses.open();
             PacketAnnouncer announcer = PacketAnnouncer.open(addresses)) {
            for (Vip vip : config.vips()) {
                String dev = config.interfaceOf(vip);
                try {
                    boolean added = addresses.add(dev, vip.address(), vip.prefixLength());
                    if (added) {
                        announcer.announce(dev, vip.address());
                    }
                    out.println(added ? "applied: add vip " + vip + " on " + dev + " (announced)" : "vip " + vip + " on " + dev + ": present");
                } catch (NetException e) {
                    failures++;
                    err.println("failed: add vip " + vip + " on " + dev + ": " + e.getMessage());
                }
            }
        } catch (NetException e) {
            err.println("director apply: " + e.getMessage());
            failures++;
        }
        return failures;
    }
}
