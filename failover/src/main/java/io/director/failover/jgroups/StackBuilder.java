package io.director.failover.jgroups;

import io.director.config.model.ClusterConfig;
import io.director.config.model.Endpoint;
import org.jgroups.protocols.AUTH;
import org.jgroups.protocols.FD_ALL3;
import org.jgroups.protocols.FD_SOCK2;
import org.jgroups.protocols.FRAG4;
import org.jgroups.protocols.MERGE3;
import org.jgroups.protocols.SYM_ENCRYPT;
import org.jgroups.protocols.TCP;
import org.jgroups.protocols.TCPPING;
import org.jgroups.protocols.UNICAST3;
import org.jgroups.protocols.VERIFY_SUSPECT2;
import org.jgroups.protocols.pbcast.GMS;
import org.jgroups.protocols.pbcast.NAKACK2;
import org.jgroups.protocols.pbcast.STABLE;
import org.jgroups.stack.Protocol;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The JGroups protocol stack, bottom to top, built from the cluster configuration (no XML). A crashed
 * process is noticed through its closed socket (FD_SOCK2), a silent one through heartbeats (FD_ALL3); with a
 * key, everything above the failure detectors is encrypted (SYM_ENCRYPT) and a joiner must prove the key (AUTH),
 * so a member without it never enters the view.
 */
public final class StackBuilder {
    private static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofMillis(100);
    private static final Duration DEFAULT_HEARTBEAT_TIMEOUT = Duration.ofMillis(600);

    private StackBuilder() {}

    public static List<Protocol> build(ClusterConfig cluster, Optional<ClusterKey> key) throws Exception {
        Duration interval = positiveOr(cluster.heartbeatInterval(), DEFAULT_HEARTBEAT_INTERVAL);
        Duration timeout = positiveOr(cluster.heartbeatTimeout(), DEFAULT_HEARTBEAT_TIMEOUT);
        List<InetSocketAddress> initialHosts = new ArrayList<>();
        for (Endpoint member : cluster.members()) {
            initialHosts.add(new InetSocketAddress(member.address(), member.port()));
        }
        List<Protocol> stack = new ArrayList<>();
        stack.add(new TCP()
                .setBindAddress(cluster.bind().address())
                .setBindPort(cluster.bind().port())
                .setPortRange(0));
        stack.add(new TCPPING().setInitialHosts(initialHosts).setPortRange(0));
        stack.add(new MERGE3().setMinInterval(1000).setMaxInterval(3000).setCheckInterval(4000));
        stack.add(new FD_SOCK2().setPortRange(20));
        stack.add(new FD_ALL3().setTimeout(timeout.toMillis()).setInterval(interval.toMillis()));
        stack.add(new VERIFY_SUSPECT2().setTimeout(Math.max(50, interval.toMillis())));
        if (key.isPresent()) {
            stack.add(new SYM_ENCRYPT().setSecretKey(key.get().encryptionKey()));
        }
        stack.add(new NAKACK2());
        stack.add(new UNICAST3());
        stack.add(new STABLE());
        if (key.isPresent()) {
            stack.add(new AUTH().setAuthToken(new SharedKeyToken(key.get().joinToken(cluster.name()))));
        }
        stack.add(new GMS().printLocalAddress(false) // no banner on stdout: the daemon logs its views itself
                .setJoinTimeout(positiveOr(cluster.joinTimeout(), Duration.ofSeconds(2)).toMillis())
                .setMaxJoinAttempts(3)
                .setViewAckCollectionTimeout(500)
                .setLeaveTimeout(500));
        stack.add(new FRAG4());
        return stack;
    }

    private static Duration positiveOr(Duration d, Duration fallback) {
        return d == null || d.isZero() || d.isNegative() ? fallback : d;
    }
}
