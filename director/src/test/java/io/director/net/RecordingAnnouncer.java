package io.director.net;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A fake {@link Announcer} that records each announcement in order; failures can be injected per VIP. */
public final class RecordingAnnouncer implements Announcer {
    public record Announcement(String ifname, InetAddress vip) {
        @Override
        public String toString() {
            return ifname + " " + IpLiteral.format(vip);
        }
    }

    private final List<Announcement> announcements = new ArrayList<>();
    private final Map<InetAddress, NetException> failures = new HashMap<>();
    private boolean closed;

    public RecordingAnnouncer failFor(InetAddress vip, NetException e) {
        failures.put(vip, e);
        return this;
    }

    public List<Announcement> announcements() {
        return List.copyOf(announcements);
    }

    public long count(InetAddress vip) {
        return announcements.stream().filter(a -> a.vip().equals(vip)).count();
    }

    public boolean closed() {
        return closed;
    }

    @Override
    public void announce(String ifname, InetAddress vip) throws NetException {
        if (closed) {
            throw new IllegalStateException("announce after close");
        }
        NetException failure = failures.get(vip);
        if (failure != null) {
            throw failure;
        }
        announcements.add(new Announcement(ifname, vip));
    }

    @Override
    public void close() {
        closed = true;
    }
}
