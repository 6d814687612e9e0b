package io.director.daemon;

import io.director.config.model.DirectorConfig;
import io.director.config.model.Vip;
import io.director.net.Addresses;
import io.director.net.AnnouncePolicy;
import io.director.net.Announcer;
import io.director.net.InterfaceAddress;
import io.director.net.NetException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Holds or releases the configured VIPs on this director and announces them at takeover: a burst of
 * gratuitous ARPs / unsolicited NAs, then a later refresh. All calls come from the daemon's one control
 * thread; announcements are scheduled on it too.
 */
public final class VipManager {
    private final Addresses addresses;
    private final Announcer announcer;
    private final ScheduledExecutorService loop;
    private final Supplier<DirectorConfig> config;
    private final EventLog log;
    private final List<ScheduledFuture<?>> pending = new ArrayList<>();
    private volatile boolean wanted;
    private final AtomicLong announced = new AtomicLong();

    public VipManager(Addresses addresses, Announcer announcer, ScheduledExecutorService loop,
                      Supplier<DirectorConfig> config, EventLog log) {
        this.addresses = addresses;
        this.announcer = announcer;
        this.loop = loop;
        this.config = config;
        this.log = log;
    }

    /**
     * Adds every VIP and announces each at once after adding it (the clients' traffic follows that frame, not
     * the rest of the takeover: the next VIP, the sync daemon's switch), then schedules the rest of the burst and
     * the refresh. Throws if a VIP cannot be added (the caller goes FAULT). Called again while held (a rival
     * master stopped claiming), it only announces.
     */
    public synchronized void acquire() throws NetException {
        boolean again = wanted;
        wanted = true;
        DirectorConfig c = config.get();
        int added = 0;
        for (Vip vip : c.vips()) {
            added += add(c, vip) ? 1 : 0;
            send(c, vip);
        }
        if (again && added == 0 && !c.vips().isEmpty()) {
            log.event("vips-announced", "why", "held already, announced again", "vips", c.vips());
        }
        announce(c.vips());
    }

    /** Removes every VIP (first, before anything else of a release) and stops pending announcements. */
    public synchronized void release() throws NetException {
        wanted = false;
        cancelAnnouncements();
        NetException first = null;
        DirectorConfig c = config.get();
        for (Vip vip : c.vips()) {
            try {
                if (addresses.remove(c.interfaceOf(vip), vip.address(), vip.prefixLength())) {
                    log.event("vip-removed", "vip", vip);
                }
            } catch (NetException e) {
                log.event("vip-remove-failed", "vip", vip, "error", e.getMessage());
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** Announcements (a gratuitous ARP or an unsolicited NA for one VIP) sent since start; a drill counts them. */
    public long announcementsSent() {
        return announced.get();
    }

    /** True when every configured VIP is on its interface. */
    public synchronized boolean held() {
        DirectorConfig c = config.get();
        try {
            for (Vip vip : c.vips()) {
                if (!present(c, vip)) {
                    return false;
                }
            }
            return true;
        } catch (NetException e) {
            return false;
        }
    }

    /** Whether the interface exists and is up (through this lock: one rtnetlink socket, one user at a time). */
    public synchronized boolean interfaceUp(String ifname) throws NetException {
        return addresses.interfaceInfo(ifname).up();
    }

    public boolean wanted() {
        return wanted;
    }

    /** While held: puts back VIPs someone removed (ip addr del) and announces them. Returns how many. */
    public synchronized int repair() throws NetException {
        if (!wanted) {
            return 0;
        }
        DirectorConfig c = config.get();
        List<Vip> restored = new ArrayList<>();
        for (Vip vip : c.vips()) {
            if (!present(c, vip)) {
                add(c, vip);
                restored.add(vip);
            }
        }
        if (!restored.isEmpty()) {
            log.event("drift-repaired", "what", "vips", "vips", restored);
            announce(restored);
        }
        return restored.size();
    }

    /** After a reload: while held, adds new VIPs (announced) and removes ones no longer configured. */
    public synchronized void reconfigure(DirectorConfig before, DirectorConfig after) throws NetException {
        if (!wanted) {
            return;
        }
        for (Vip vip : before.vips()) {
            if (!after.vips().contains(vip) && addresses.remove(before.interfaceOf(vip), vip.address(), vip.prefixLength())) {
                log.event("vip-removed", "vip", vip, "why", "reload");
            }
        }
        List<Vip> added = new ArrayList<>();
        for (Vip vip : after.vips()) {
            if (!before.vips().contains(vip)) {
                add(after, vip);
                added.add(vip);
            }
        }
        announce(added);
    }

    /**
     * At start, before joining: a director killed while master left its VIPs in the kernel. Removes
     * them so two directors never answer for one VIP; the election gives them back if this one wins.
     */
    public synchronized int removeStale() throws NetException {
        DirectorConfig c = config.get();
        int removed = 0;
        for (Vip vip : c.vips()) {
            if (addresses.remove(c.interfaceOf(vip), vip.address(), vip.prefixLength())) {
                log.event("vip-removed", "vip", vip, "why", "stale from an earlier run");
                removed++;
            }
        }
        return removed;
    }

    private boolean add(DirectorConfig c, Vip vip) throws NetException {
        if (addresses.add(c.interfaceOf(vip), vip.address(), vip.prefixLength())) {
            log.event("vip-added", "vip", vip);
            return true;
        }
        return false;
    }

    private boolean present(DirectorConfig c, Vip vip) throws NetException {
        for (InterfaceAddress a : addresses.list(c.interfaceOf(vip))) {
            if (a.address().equals(vip.address())) {
                return true;
            }
        }
        return false;
    }

    private void announce(List<Vip> vips) {
        if (vips.isEmpty()) {
            return;
        }
        DirectorConfig c = config.get();
        var a = c.announce();
        AnnouncePolicy policy = new AnnouncePolicy(a.burstCount(), a.burstSpacing(), a.refreshCount(), a.refreshDelay());
        pending.removeIf(f -> f.isDone());
        List<Duration> schedule = policy.schedule();
        for (Duration at : schedule.subList(1, schedule.size())) { // the first went out with each add
            pending.add(loop.schedule(() -> sendAll(c, vips), at.toNanos(), TimeUnit.NANOSECONDS));
        }
    }

    private synchronized void sendAll(DirectorConfig c, List<Vip> vips) {
        if (!wanted) {
            return;
        }
        for (Vip vip : vips) {
            send(c, vip);
        }
    }

    private void send(DirectorConfig c, Vip vip) {
        try {
            announcer.announce(c.interfaceOf(vip), vip.address());
            announced.incrementAndGet();
        } catch (NetException e) {
            log.event("announce-failed", "vip", vip, "error", e.getMessage());
        }
    }

    private void cancelAnnouncements() {
        pending.forEach(f -> f.cancel(false));
        pending.clear();
    }
}
