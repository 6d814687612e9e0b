package io.director.cli;

import io.director.config.hocon.ConfigFile;
import io.director.config.hocon.LoadResult;
import io.director.config.model.DirectorConfig;
import io.director.config.model.MemberRole;
import io.director.daemon.Daemon;
import io.director.daemon.EventLog;
import io.director.daemon.watch.ConfigWatcher;
import io.director.daemon.metrics.MetricsServer;
import java.net.InetSocketAddress;
import io.director.ipvs.IpvsException;
import io.director.ipvs.NetlinkIpvs;
import io.director.net.NetException;
import io.director.net.PacketAnnouncer;
import io.director.net.RtnetlinkAddresses;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import sun.misc.Signal;

/**
 * {@code director run -c FILE}: the daemon, in the foreground. Refuses to start, with the reason, when
 * the file is invalid, the interface is missing, IPVS is not loaded or CAP_NET_ADMIN is lacking. SIGHUP
 * and edits of the file reload it; SIGTERM and SIGINT stop it (a master hands over first).
 */
@Command(mixinStandardHelpOptions = true, name = "run", description = "Run the director daemon in the foreground.")
public final class RunCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE", description = "the configuration file (HOCON)")
    Path file;

    @Option(names = "--socket", paramLabel = "PATH", description = "admin socket (default: admin.socket of the file)")
    Path socket;

    @Option(names = "--no-watch", description = "do not reload when the file changes (SIGHUP and `director reload` still do)")
    boolean noWatch;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        ConfigFile configFile = new ConfigFile(file);
        LoadResult loaded = configFile.load();
        if (!loaded.isValid()) {
            err.println("director run: refusing to start; " + file + " is invalid:");
            loaded.problemLines().forEach(err::println);
            err.flush();
            return 1;
        }
        DirectorConfig config = loaded.config().orElseThrow();
        EventLog log = EventLog.stderr();
        Daemon.Kernel kernel = null;
        if (config.cluster().role() == MemberRole.DIRECTOR) {
            try {
                kernel = openKernel(config);
            } catch (IpvsException | NetException e) {
                err.println("director run: refusing to start: " + e.getMessage());
                err.flush();
                return 1;
            }
        }
        Daemon daemon = new Daemon(configFile, config, kernel, log);
        AtomicReference<MetricsServer> metricsServer = new AtomicReference<>();
        DaemonAdmin admin = new DaemonAdmin(daemon, socket != null ? socket : config.admin().socket(), log);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread shutdown = new Thread(() -> {
            MetricsServer m = metricsServer.get();
            if (m != null) {
                m.close();
            }
            admin.close();
            daemon.close();
            stopped.countDown();
        }, "shutdown");
        Runtime.getRuntime().addShutdownHook(shutdown);
        try {
            daemon.start();
            admin.start();
            if (config.admin().metrics().isPresent()) {
                var at = config.admin().metrics().get();
                metricsServer.set(MetricsServer.start(new InetSocketAddress(at.address(), at.port()), daemon.metrics()));
                log.event("metrics-listening", "address", at);
            }
        } catch (Exception e) {
            err.println("director run: failed to start: " + e.getMessage());
            err.flush();
            Runtime.getRuntime().removeShutdownHook(shutdown);
            admin.close();
            daemon.close();
            return 1;
        }
        Signal.handle(new Signal("HUP"), s -> new Thread(() -> daemon.reload("SIGHUP"), "sighup").start());
        if (!noWatch) {
            ConfigWatcher.start(file, log, () -> daemon.reload("file-changed"));
        }
        stopped.await();
        return 0;
    }

    /** Opens the kernel ports, checking IPVS, privileges and the interface up front with clear reasons. */
    private static Daemon.Kernel openKernel(DirectorConfig config) throws IpvsException, NetException {
        NetlinkIpvs ipvs = NetlinkIpvs.open();
        RtnetlinkAddresses addresses = null;
        try {
            ipvs.info();
            addresses = RtnetlinkAddresses.open();
            addresses.interfaceInfo(config.interfaceName());
            return new Daemon.Kernel(ipvs, addresses, PacketAnnouncer.open(addresses));
        } catch (IpvsException | NetException | RuntimeException e) {
            if (addresses != null) {
                addresses.close();
            }
            ipvs.close();
            throw e;
        }
    }
}
