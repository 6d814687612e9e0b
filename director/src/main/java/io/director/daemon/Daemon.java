package io.director.daemon;

import io.director.config.core.ConfigChange;
import io.director.config.core.ConfigDiff;
import io.director.config.hocon.ConfigFile;
import io.director.config.hocon.LoadResult;
import io.director.config.model.ClusterConfig;
import io.director.config.model.DirectorConfig;
import io.director.config.model.MemberRole;
import io.director.config.model.NotifyConfig;
import io.director.config.model.ServiceConfig;
import io.director.config.model.ServiceId;
import io.director.failover.core.Role;
import io.director.failover.port.Ports;
import io.director.failover.port.SelfCheck;
import io.director.failover.port.SyncRole;
import io.director.failover.port.VipOwnership;
import io.director.failover.runtime.ClusterView;
import io.director.failover.runtime.FailoverNode;
import io.director.failover.runtime.HandoverResult;
import io.director.failover.runtime.NotifyScripts;
import io.director.healthcheck.RealServerNotifier;
import io.director.failover.runtime.Ticker;
import io.director.healthcheck.HealthEngine;
import io.director.healthcheck.HealthEngineOptions;
import io.director.healthcheck.HealthEvent;
import io.director.healthcheck.HealthSnapshot;
import io.director.daemon.metrics.DirectorMetrics;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import io.director.ipvs.Ipvs;
import io.director.ipvs.IpvsException;
import io.director.ipvs.IpvsTable;
import io.director.ipvs.ObservedService;
import io.director.sys.Errno;
import io.director.ipvs.ServiceKey;
import io.director.net.Addresses;
import io.director.net.Announcer;
import io.director.net.NetException;
import io.director.net.realserver.ProcSysctls;
import io.director.plan.DesiredTable;
import io.director.plan.DesiredTables;
import io.director.plan.HealthView;
import io.director.plan.IpvsPlanner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The running director: configuration, health checks, cluster and kernel wired together. Every change
 * of state happens on one control thread ({@code loop}): health events, reloads, drift checks and
 * status requests are posted to it, so the kernel sockets are never used from two threads and no
 * decision races another. The failover controller calls back through ports that hop onto it too.
 *
 * <p>Both directors keep the IPVS table and the checks loaded all the time, so a takeover is only a VIP
 * move; only the VIP holder forwards traffic.
 */
public final class Daemon implements AutoCloseable {
    /** Up to this many services a scoped reconcile reads one by one; more cost less as one dump. */
    private static final int ONE_BY_ONE = 64;
    private final ConfigFile configFile;
    private boolean repairStretched;
    private final EventLog log;
    private final Kernel kernel;                   // null for a witness
    private final ScheduledExecutorService loop;
    private final Reconciler reconciler;
    private final VipManager vips;
    private final ConnectionSync sync;
    private final ClusterConfig runningCluster;     // cluster changes apply at the next restart
    private volatile NotifyScripts roleNotifier;
    private volatile RealServerNotifier realServerNotifier;
    private final Draining draining = new Draining();
    private final Set<ServiceKey> managed = new HashSet<>();
    private final DirectorMetrics metrics = new DirectorMetrics();
    private final Map<String, Instant> lastCounted = new HashMap<>();
    private volatile DirectorConfig config;
    private volatile Optional<String> fault = Optional.empty();
    private HealthEngine health;
    private volatile FailoverNode failover;
    private static final Duration LEG_SETTLE = Duration.ofSeconds(3);
    private final AtomicReference<Drill> runningDrill = new AtomicReference<>();

    /** The kernel ports a director uses; a witness has none. */
    public record Kernel(Ipvs ipvs, Addresses addresses, Announcer announcer) implements AutoCloseable {
        @Override
        public void close() {
            announcer.close();
            addresses.close();
            ipvs.close();
        }
    }

    /** {@code configFile}: loaded once already, so that a reload parses only what changed. */
    public Daemon(ConfigFile configFile, DirectorConfig config, Kernel kernel, EventLog log) {
        this.configFile = configFile;
        this.config = config;
        this.kernel = kernel;
        this.log = log;
        this.loop = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "director-control");
            t.setDaemon(true);
            // takeovers and reloads run here: ahead of the JIT compilers (see bin/director's ThreadPriorityPolicy)
            t.setPriority(Thread.MAX_PRIORITY);
            return t;
        });
        this.runningCluster = config.cluster();
        this.roleNotifier = new NotifyScripts(config.notifications(), runningCluster.name(), runningCluster.priority());
        this.realServerNotifier = new RealServerNotifier(config.notifications());
        if (kernel != null) {
            this.reconciler = new Reconciler(kernel.ipvs(), log);
            this.vips = new VipManager(kernel.addresses(), kernel.announcer(), loop, () -> this.config, log);
            this.sync = new ConnectionSync(kernel.ipvs(), log);
        } else {
            this.reconciler = null;
            this.vips = null;
            this.sync = null;
        }
    }

    public boolean isWitness() {
        return kernel == null;
    }

    /**
     * Brings the director up: stale VIPs go first (a director never answers for a VIP it was not
     * elected for), then the IPVS table and sync daemons, the checks, and last the cluster, which may
     * make this director master.
     */
    public void start() throws Exception {
        log.event("starting", "node", config.nodeId(), "role", config.cluster().role(), "config", configFile.path());
        if (!isWitness()) {
            adviseOnHost(config);
            onLoop(() -> {
                vips.removeStale();
                sync.ensure(config);
                managed.addAll(keys(config));
                return null;
            });
            health = new HealthEngine(HealthEngineOptions.defaults(), event -> loop.execute(() -> onHealth(event)));
            health.update(config.services());
            onLoop(() -> {
                reconcile("start");
                return null;
            });
            schedulePeriodic(config.ipvs().repairInterval());
        }
        failover = new FailoverNode(config.cluster(), config.nodeId(), ports(), Ticker.system());
        failover.start();
        log.event("started", "node", config.nodeId(), "role", failover.role());
    }

    private Ports ports() {
        if (isWitness()) {
            return new Ports(new NoVips(), new NoSync(), SelfCheck.healthy(), this::roleChanged);
        }
        VipOwnership ownership = new VipOwnership() {
            @Override
            public void acquire() throws Exception {
                vips.acquire();
            }

            @Override
            public void release() throws Exception {
                vips.release();
            }

            @Override
            public boolean held() {
                return vips.held();
            }
        };
        SyncRole syncRole = new SyncRole() {
            @Override
            public void becomeMaster() {
                loop.execute(() -> ensureSync());
            }

            @Override
            public void becomeBackup() {
                loop.execute(() -> ensureSync());
            }
        };
        return new Ports(ownership, syncRole, () -> fault, this::roleChanged);
    }

    private void roleChanged(Role from, Role to, String reason) {
        metrics.roleTransition(from.name(), to.name());
        metrics.role(to.name());
        log.event("role-change", "from", from, "to", to, "reason", reason);
        roleNotifier.roleChanged(from, to, reason);
    }

    private void ensureSync() {
        try {
            sync.ensure(config);
        } catch (IpvsException e) {
            log.event("sync-daemon-failed", "error", e.getMessage());
        }
    }

    private void onHealth(HealthEvent event) {
        if (event instanceof HealthEvent.RealServerUp up) {
            log.event("realserver-up", "service", up.service(), "realserver", up.realServer());
        } else if (event instanceof HealthEvent.RealServerDown down) {
            log.event("realserver-down", "service", down.service(), "realserver", down.realServer(), "reason", down.reason());
        } else if (event instanceof HealthEvent.QuorumLost lost) {
            log.event("quorum-lost", "service", lost.service(), "healthy", lost.healthy(), "minimum", lost.minimum());
        } else if (event instanceof HealthEvent.QuorumRegained back) {
            log.event("quorum-regained", "service", back.service(), "healthy", back.healthy(), "minimum", back.minimum());
        }
        realServerNotifier.onEvent(event);
        reconcile("health");
    }

    private void schedulePeriodic(Duration delay) {
        if (!loop.isShutdown()) {
            loop.schedule(this::paced, delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** One periodic pass, then the next after the repair interval of the running configuration, stretched by {@link RepairPace}. */
    private void paced() {
        long started = System.nanoTime();
        periodic();
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        RepairPace pace = new RepairPace(config.ipvs().repairInterval());
        boolean stretched = pace.stretched(took);
        if (stretched != repairStretched) {
            repairStretched = stretched;
            log.event(stretched ? "repair-interval-stretched" : "repair-interval-restored", "check-ms", millis(took.toNanos()),
                    "next-in-ms", pace.delayAfter(took).toMillis());
        }
        schedulePeriodic(pace.delayAfter(took));
    }

    /** Drift repair and self-check, on the control thread. */
    private void periodic() {
        try {
            selfCheck();
            Optional<Reconciler.Pass> pass = reconcile("drift");
            int vipsRestored = vips.repair();
            if (vipsRestored > 0) {
                metrics.driftRepaired(vipsRestored);
            }
            ensureSync();
            updateMetrics(pass.map(Reconciler.Pass::before));
        } catch (Exception e) {
            log.event("periodic-failed", "error", e.getMessage());
        }
    }

    /**
     * Check results since the last tick, healthy counts and the kernel's counters, for Prometheus; the
     * counters from {@code table} when the drift check just read it (a second read of a large table is costly).
     */
    private void updateMetrics(Optional<IpvsTable> table) throws IpvsException {
        HealthSnapshot snapshot = health.snapshot();
        for (HealthSnapshot.Service s : snapshot.services()) {
            metrics.healthyRealServers(s.id().toString(), s.healthy());
            for (HealthSnapshot.RealServer rs : s.realServers()) {
                rs.lastCheck().ifPresent(lc -> {
                    String key = s.id() + " " + rs.id();
                    if (!lc.at().equals(lastCounted.put(key, lc.at()))) {
                        metrics.checkResult(s.id().toString(), rs.id().toString(), lc.ok(), lc.latency());
                    }
                });
            }
        }
        metrics.ipvsStats(table.isPresent() ? table.get() : kernel.ipvs().table());
        if (failover != null) {
            metrics.clusterMembers(failover.view().members().size());
        }
    }

    public DirectorMetrics metrics() {
        return metrics;
    }

    private void selfCheck() {
        Optional<String> now;
        try {
            now = vips.interfaceUp(config.interfaceName()) ? Optional.empty() : Optional.of("interface " + config.interfaceName() + " is down");
            if (now.isEmpty()) {
                kernel.ipvs().info();
            }
        } catch (NetException | IpvsException e) {
            now = Optional.of(e.getMessage());
        }
        if (!now.equals(fault)) {
            log.event(now.isPresent() ? "fault" : "fault-cleared", "reason", now.orElse(fault.orElse("")));
        }
        fault = now;
    }

    /** One reconcile pass over the whole table; must run on the control thread. Empty when the kernel could not be read or written. */
    private Optional<Reconciler.Pass> reconcile(String why) {
        try {
            IpvsTable before = kernel.ipvs().table();
            draining.release(before, System.nanoTime());
            HealthView view = HealthViews.of(health.snapshot());
            DesiredTable desired = DesiredTables.from(config, view, draining.current());
            var pass = reconciler.reconcile(desired, before, IpvsPlanner.ownership(config.ipvs().ownsTable(), managed), why);
            if ("drift".equals(why) && !pass.results().isEmpty()) {
                metrics.driftRepaired((int) pass.applied());
                log.event("drift-repaired", "what", "ipvs", "ops", pass.applied(), "refused", pass.refused());
            }
            return Optional.of(pass);
        } catch (IpvsException e) {
            log.event("reconcile-failed", "why", why, "error", e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * A reconcile pass over the services {@code ids} only: just those are read from the kernel (each one
     * by itself, or one dump of the service list when there are many, then each one's real servers),
     * planned and changed. The drift check still goes over the whole table every repair interval.
     */
    private Optional<Reconciler.Pass> reconcile(Set<ServiceId> ids, String why) {
        try {
            Set<ServiceKey> keys = new HashSet<>();
            ids.forEach(id -> keys.add(DesiredTables.key(id)));
            List<ObservedService> observed = new ArrayList<>();
            if (keys.size() <= ONE_BY_ONE) {
                for (ServiceKey key : keys) {
                    kernel.ipvs().service(key).ifPresent(observed::add);
                }
            } else {
                observed.addAll(kernel.ipvs().services());
            }
            List<IpvsTable.Entry> entries = new ArrayList<>();
            for (ObservedService s : observed) {
                if (keys.contains(s.key())) {
                    try {
                        entries.add(new IpvsTable.Entry(s, kernel.ipvs().dests(s.key())));
                    } catch (IpvsException e) {
                        if (e.errno() != Errno.ESRCH.code() && e.errno() != Errno.ENOENT.code()) {
                            throw e;
                        }
                        // deleted meanwhile: not in the kernel, then
                    }
                }
            }
            IpvsTable before = new IpvsTable(entries);
            draining.release(before, System.nanoTime(), ids::contains);
            DesiredTable desired = DesiredTables.from(config, HealthViews.of(health.snapshot(ids::contains)), draining.current(), ids::contains);
            return Optional.of(reconciler.reconcile(desired, before, IpvsPlanner.ownership(config.ipvs().ownsTable(), managed), why));
        } catch (IpvsException e) {
            log.event("reconcile-failed", "why", why, "error", e.getMessage());
            return Optional.empty();
        }
    }

    /** Reloads the file; refused (and nothing changes) when it is invalid. Safe from any thread. */
    public ReloadOutcome reload(String trigger) {
        long requested = System.nanoTime();
        try {
            return onLoop(() -> reloadOnLoop(trigger, requested));
        } catch (Exception e) {
            return ReloadOutcome.refused(List.of("reload failed: " + e.getMessage()));
        }
    }

    /** {@code requested}: System.nanoTime() of the request, so the time reported includes the wait for the control thread. */
    private ReloadOutcome reloadOnLoop(String trigger, long requested) throws Exception {
        long started = System.nanoTime();
        LoadResult result = configFile.load();
        long loaded = System.nanoTime();
        if (!result.isValid()) {
            log.event("reload-refused", "trigger", trigger, "problems", result.problems().size(),
                    "first", result.problemLines().get(0));
            metrics.reloadRefused();
            return ReloadOutcome.refused(result.problemLines());
        }
        DirectorConfig before = config;
        DirectorConfig after = result.config().orElseThrow();
        List<ConfigChange> diff = ConfigDiff.diff(before, after);
        List<String> changes = diff.stream().map(ConfigChange::summary).toList();
        if (changes.isEmpty()) {
            log.event("reload-unchanged", "trigger", trigger);
            return ReloadOutcome.unchanged();
        }
        if (!before.nodeId().equals(after.nodeId()) || before.cluster().role() != after.cluster().role()) {
            return ReloadOutcome.refused(List.of(configFile.path() + ": node-id and cluster.role cannot change while running; restart the daemon"));
        }
        config = after;
        long kernelDone = loaded; // the kernel has the change: the IPVS pass is over
        long ipvsOps = 0;
        long ipvsRefused = 0;
        if (!isWitness()) {
            Optional<Set<ServiceId>> scope = ReloadScope.services(diff);
            draining.start(before, after, System.nanoTime(), after.ipvs().drainTimeout());
            managed.addAll(scope.map(Daemon::keys).orElseGet(() -> keys(after))); // the unchanged ones are in already
            health.update(after.services());
            vips.reconfigure(before, after);
            Optional<Reconciler.Pass> pass = scope.isPresent() ? reconcile(scope.get(), "reload") : reconcile("reload");
            kernelDone = System.nanoTime();
            sync.ensure(after); // a netlink round trip: after the change the reload is for, not before it
            ipvsOps = pass.map(p -> (long) p.results().size()).orElse(0L);
            ipvsRefused = pass.map(Reconciler.Pass::refused).orElse(0L);
            managed.retainAll(keys(after));
            adviseOnHost(after);
        }
        if (!before.notifications().equals(after.notifications())) {
            replaceNotifiers(after.notifications());
        }
        Duration took = Duration.ofNanos(System.nanoTime() - requested);
        if (!before.cluster().equals(after.cluster())) {
            log.event("reload-cluster-deferred", "detail", "cluster settings apply at the next restart");
        }
        for (String c : changes) {
            log.event("reload-applied", "trigger", trigger, "change", c);
        }
        log.event("reload-done", "trigger", trigger, "changes", changes.size(), "ipvs-ops", ipvsOps,
                "ipvs-refused", ipvsRefused, "elapsed-ms", millis(took.toNanos()), "waited-ms", millis(started - requested),
                "load-ms", millis(loaded - started),
                "parsed", configFile.lastWasPartial() ? "changed-services" : "whole-file",
                "to-kernel-ms", millis(kernelDone - loaded), "apply-ms", millis(System.nanoTime() - loaded));
        metrics.reloadApplied();
        return ReloadOutcome.applied(changes, ipvsOps, took);
    }

    private static String millis(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.1f", nanos / 1e6);
    }

    /** New commands from now on; the old notifiers finish what they run on their own threads, not the control thread. */
    private void replaceNotifiers(NotifyConfig notify) {
        NotifyScripts oldRole = roleNotifier;
        RealServerNotifier oldRealServer = realServerNotifier;
        roleNotifier = new NotifyScripts(notify, runningCluster.name(), runningCluster.priority());
        realServerNotifier = new RealServerNotifier(notify);
        CompletableFuture.runAsync(() -> {
            oldRole.close();
            oldRealServer.close();
        });
    }

    /** Logs what the host's kernel settings get wrong for these services (see {@link HostAdvice}). */
    private void adviseOnHost(DirectorConfig c) {
        try {
            for (String advice : HostAdvice.of(c, ProcSysctls.system())) {
                log.event("host-advice", "warning", advice);
            }
        } catch (NetException e) {
            log.event("host-advice", "warning", "cannot read the kernel's settings: " + e.getMessage());
        }
    }

    private static Set<ServiceKey> keys(DirectorConfig c) {
        return keys(c.services().stream().map(ServiceConfig::id).toList());
    }

    private static Set<ServiceKey> keys(Collection<ServiceId> ids) {
        Set<ServiceKey> keys = new HashSet<>();
        ids.forEach(id -> keys.add(DesiredTables.key(id)));
        return keys;
    }

    /** Graceful handover to {@code to} (or the best other member); completes when done. */
    public CompletableFuture<HandoverResult> handover(Optional<String> to) {
        log.event("handover-requested", "to", to.orElse("any"));
        return failover.handover(to);
    }

    /**
     * {@code count} graceful handovers to a healthy peer and back, measured and checked (see
     * {@link #checkLeg}). Runs on the master only, refuses without a healthy peer or while another drill
     * runs, and leaves this director master at the end: a failed leg back is retried once.
     */
    public Drill drill(int count, Duration pause) throws Exception {
        ClusterView v = failover.view();
        if (v.role() != Role.MASTER) {
            throw new IllegalStateException("a drill runs on the master; this is " + v.role() + v.master().map(m -> ", the master is " + m).orElse(""));
        }
        String self = config.nodeId();
        String peer = v.members().stream()
                .filter(m -> !m.nodeId().equals(self) && m.memberRole() == MemberRole.DIRECTOR && !m.linkSuspected()
                        && m.role() == Role.BACKUP)
                .map(ClusterView.Member::nodeId).findFirst()
                .orElseThrow(() -> new IllegalStateException("no healthy peer to hand over to (members: "
                        + v.members().stream().map(m -> m.nodeId() + "=" + m.role()).toList() + ")"));
        Drill drill = new Drill(count);
        if (!runningDrill.compareAndSet(null, drill)) {
            throw new IllegalStateException("a drill is already running");
        }
        try {
            for (int round = 1; round <= count; round++) {
                if (!leg(drill, round, self, peer, false) || !pause(pause)) {
                    break;
                }
                if (!leg(drill, round, peer, self, true) || !pause(pause)) {
                    break;
                }
            }
        } finally {
            if (failover.role() != Role.MASTER) {
                HandoverResult home = failover.handover(Optional.of(self)).get(60, TimeUnit.SECONDS);
                drill.note("handed back to " + self + " after the drill: " + (home.succeeded() ? "ok" : home.detail()));
            }
            drill.finish();
            runningDrill.set(null);
        }
        return drill;
    }

    /** The drill running now, for its progress, if any. */
    public Optional<Drill> runningDrill() {
        return Optional.ofNullable(runningDrill.get());
    }

    private boolean leg(Drill drill, int round, String from, String to, boolean toSelf) throws Exception {
        long announcedBefore = vips.announcementsSent();
        HandoverResult r = failover.handover(Optional.of(to)).get(60, TimeUnit.SECONDS);
        // The handover completes when this director saw the new master's claim; its view and VIPs follow
        // within a state message or two. Give them that long before checking (a loaded host is slow).
        long settle = System.nanoTime() + LEG_SETTLE.toNanos();
        while (r.succeeded() && System.nanoTime() < settle
                && !(failover.view().master().equals(Optional.of(to)) && vips.held() == toSelf)) {
            Thread.sleep(20);
        }
        Drill.Leg leg = checkLeg(round, from, to, r, toSelf, announcedBefore);
        drill.add(leg);
        log.event("drill-leg", "round", round, "to", to, "ok", leg.ok());
        return r.succeeded();
    }

    /**
     * What this director can see of a handover it took part in: the VIPs where they belong, announcements
     * sent and every configured IPVS service present when it became master, both sync daemons running, and
     * the view naming the new master.
     */
    private Drill.Leg checkLeg(int round, String from, String to, HandoverResult r, boolean toSelf, long announcedBefore)
            throws Exception {
        return onLoop(() -> {
            List<String> problems = new ArrayList<>();
            boolean held = vips.held();
            if (held != toSelf) {
                problems.add(toSelf ? "VIPs not held here" : "VIPs still held here");
            }
            long announced = toSelf ? vips.announcementsSent() - announcedBefore : -1;
            if (toSelf && announced == 0) {
                problems.add("no announcement sent");
            }
            if (toSelf) {
                IpvsTable table = kernel.ipvs().table();
                List<ServiceKey> missing = managed.stream().filter(k -> table.find(k).isEmpty()).toList();
                if (!missing.isEmpty()) {
                    problems.add("IPVS services missing: " + missing);
                }
            }
            if (config.sync().enabled() && sync.running().size() < 2) {
                problems.add("sync daemons running: " + sync.running().stream().map(d -> d.state().name().toLowerCase()).toList());
            }
            Optional<String> master = failover.view().master();
            if (!master.equals(Optional.of(to))) {
                problems.add("the view's master is " + master.orElse("nobody"));
            }
            return new Drill.Leg(round, from, to, r, held == toSelf, announced, problems);
        });
    }

    private static boolean pause(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public DirectorConfig config() {
        return config;
    }

    public Role role() {
        FailoverNode node = failover;
        return node == null ? Role.INIT : node.role();
    }

    public ClusterView view() {
        return failover.view();
    }

    /** A status snapshot, taken on the control thread so it is consistent. */
    public Status status() throws Exception {
        return onLoop(() -> Status.of(config, failover.view(), isWitness() ? null : health.snapshot(),
                isWitness() ? null : kernel.ipvs().table(), !isWitness() && vips.wanted(),
                isWitness() ? List.of() : sync.running()));
    }

    private <T> T onLoop(Callable<T> task) throws Exception {
        try {
            return loop.submit(task).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception x) {
                throw x;
            }
            throw e;
        } catch (TimeoutException e) {
            throw new IllegalStateException("the control thread did not answer within 30 s");
        }
    }

    /**
     * Stops: a master with a live peer hands over first (inside the failover node's close), VIPs are
     * released, checks stop. The IPVS table stays, so a restart is hitless.
     */
    @Override
    public void close() {
        log.event("stopping", "node", config.nodeId());
        if (failover != null) {
            failover.close();
        }
        if (health != null) {
            health.close();
        }
        if (vips != null) {
            try {
                onLoop(() -> {
                    vips.release();
                    return null;
                });
            } catch (Exception e) {
                log.event("vip-release-failed", "error", e.getMessage());
            }
        }
        loop.shutdownNow();
        roleNotifier.close();
        realServerNotifier.close();
        if (kernel != null) {
            kernel.close();
        }
        log.event("stopped", "node", config.nodeId());
    }

    private static final class NoVips implements VipOwnership {
        @Override
        public void acquire() {}

        @Override
        public void release() {}

        @Override
        public boolean held() {
            return false;
        }
    }

    private static final class NoSync implements SyncRole {
        @Override
        public void becomeMaster() {}

        @Override
        public void becomeBackup() {}
    }
}
