package io.director.config.core;

import io.director.config.model.AdminConfig;
import io.director.config.model.AnnounceConfig;
import io.director.config.model.CheckConfig;
import io.director.config.model.CheckTiming;
import io.director.config.model.ClusterConfig;
import io.director.config.model.DirectorConfig;
import io.director.config.model.Endpoint;
import io.director.config.model.Forwarding;
import io.director.config.model.HttpCheck;
import io.director.config.model.IpvsConfig;
import io.director.config.model.MemberRole;
import io.director.config.model.NotifyConfig;
import io.director.config.model.OnFailure;
import io.director.config.model.Protocol;
import io.director.config.model.Quorum;
import io.director.config.model.RealServerConfig;
import io.director.config.model.RealServerId;
import io.director.config.model.ScriptCheck;
import io.director.config.model.ServiceConfig;
import io.director.config.model.ServiceId;
import io.director.config.model.StatusRange;
import io.director.config.model.SyncConfig;
import io.director.config.model.TcpCheck;
import io.director.config.model.Vip;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Generators of models from small pools, so that two generated models overlap in services and real servers. */
final class ModelArbitraries {
    private ModelArbitraries() {}

    static InetAddress ip(String s) {
        return AddressText.address(s);
    }

    static final InetAddress VIP4 = ip("198.51.100.100");
    static final InetAddress VIP4B = ip("198.51.100.101");

    static Arbitrary<CheckConfig> checks() {
        Arbitrary<CheckTiming> timing = Combinators.combine(
                Arbitraries.of(Duration.ofSeconds(1), Duration.ofSeconds(2)), Arbitraries.of(Duration.ofMillis(500), Duration.ofSeconds(1)),
                Arbitraries.integers().between(1, 3), Arbitraries.integers().between(1, 3), Arbitraries.of(true, false))
                .as(CheckTiming::new);
        Arbitrary<CheckConfig> http = Combinators.combine(timing, Arbitraries.of(true, false), Arbitraries.of("/", "/health"),
                Arbitraries.of(List.of(StatusRange.of(200)), List.of(new StatusRange(200, 299))))
                .as((t, tls, path, expect) -> new HttpCheck(t, tls, path, Optional.empty(), expect, Optional.empty(), false,
                        Optional.empty(), OptionalInt.empty(), false));
        Arbitrary<CheckConfig> tcp = timing.map(t -> new TcpCheck(t, OptionalInt.empty(), Optional.empty(), Optional.empty()));
        Arbitrary<CheckConfig> script = timing.map(t -> new ScriptCheck(t, "true"));
        return Arbitraries.oneOf(http, tcp, script);
    }

    static Arbitrary<RealServerConfig> realServers() {
        return Combinators.combine(Arbitraries.integers().between(11, 16), Arbitraries.of(80, 8080),
                        Arbitraries.integers().between(0, 3), Arbitraries.of(0, 100), checks().optional(0.3))
                .as((host, port, weight, upper, check) -> new RealServerConfig(ip("198.51.100." + host), port, weight, upper, 0, check));
    }

    static <T, K> List<T> unique(List<T> items, Function<T, K> key) {
        Map<K, T> m = new LinkedHashMap<>();
        items.forEach(i -> m.putIfAbsent(key.apply(i), i));
        return new ArrayList<>(m.values());
    }

    static Arbitrary<ServiceConfig> services() {
        Arbitrary<ServiceId> ids = Arbitraries.oneOf(
                Combinators.combine(Arbitraries.of(Protocol.TCP, Protocol.UDP), Arbitraries.of(VIP4, VIP4B), Arbitraries.of(80, 443))
                        .as(ServiceId::of),
                Arbitraries.of(1, 2).map(m -> new ServiceId(Protocol.TCP, VIP4, 0, m)));
        return Combinators.combine(ids, Arbitraries.of("wrr", "rr", "lc"), Arbitraries.of(Forwarding.DR, Forwarding.NAT),
                        Arbitraries.of(Duration.ZERO, Duration.ofMinutes(5)), Arbitraries.integers().between(1, 2),
                        Arbitraries.of(OnFailure.REMOVE, OnFailure.INHIBIT), checks().optional(0.6),
                        realServers().list().ofMaxSize(5).map(l -> unique(l, RealServerConfig::id)))
                .as((id, sched, fwd, persist, quorum, onFailure, check, rs) -> new ServiceConfig(id, sched, Set.of(), fwd, persist, 32,
                        false, new Quorum(quorum, 0), Optional.empty(), onFailure, check, rs));
    }

    static Arbitrary<DirectorConfig> configs() {
        Arbitrary<ClusterConfig> cluster = Combinators.combine(Arbitraries.integers().between(1, 255), Arbitraries.of(true, false),
                        Arbitraries.of(MemberRole.DIRECTOR, MemberRole.WITNESS))
                .as((prio, preempt, role) -> new ClusterConfig("c", new Endpoint(ip("198.51.100.2"), 7800), List.of(), prio, preempt,
                        Duration.ZERO, Optional.empty(), role, Duration.ofSeconds(3), Duration.ofMillis(500), Duration.ofSeconds(2),
                        Duration.ofMillis(30), 5));
        Arbitrary<List<Vip>> vips = Arbitraries.of(List.of(new Vip(VIP4, 24, Optional.empty())),
                List.of(new Vip(VIP4, 24, Optional.empty()), new Vip(VIP4B, 24, Optional.of("eth1"))),
                List.of(new Vip(VIP4B, 24, Optional.of("eth1")), new Vip(VIP4, 24, Optional.empty())));
        Arbitrary<SyncConfig> sync = Arbitraries.integers().between(0, 2)
                .map(id -> new SyncConfig(true, Optional.empty(), id, Optional.empty(), OptionalInt.empty()));
        Arbitrary<IpvsConfig> ipvs = Arbitraries.of(true, false).map(o -> new IpvsConfig(o, Duration.ofSeconds(60), Duration.ofSeconds(1)));
        return Combinators.combine(Arbitraries.of("d1", "d2"), Arbitraries.of("eth0", "eth1"), cluster, vips, sync, ipvs,
                        services().list().ofMaxSize(6).map(l -> unique(l, ServiceConfig::id)))
                .as((node, iface, k, v, s, i, services) -> new DirectorConfig(node, iface, k, v, s,
                        new AdminConfig(Path.of("/run/director/" + node + ".sock"), Optional.empty()),
                        new AnnounceConfig(5, Duration.ofMillis(100), 5, Duration.ofSeconds(5)), i,
                        NotifyConfig.none(Duration.ofSeconds(10)), services));
    }
}
