package io.director.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.director.ipvs.DestKey;
import io.director.ipvs.DestSpec;
import io.director.ipvs.Forwarding;
import io.director.ipvs.IpvsOp;
import io.director.ipvs.IpvsTable;
import io.director.ipvs.ObservedDest;
import io.director.ipvs.ObservedService;
import io.director.ipvs.Protocol;
import io.director.ipvs.ServiceFlag;
import io.director.ipvs.ServiceKey;
import io.director.ipvs.ServiceSpec;
import io.director.ipvs.Stats;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** Properties of the planner over generated tables (jqwik; the examples are in IpvsPlannerTest). */
class IpvsPlannerPropertiesTest {
    static InetAddress ip(String s) {
        return IpvsPlannerTest.ip(s);
    }

    @Property(tries = 300)
    void applyingThePlanGivesDesiredAndReplanningGivesNothing(@ForAll("tables") Map<ServiceSpec, List<DestSpec>> desired,
                                                              @ForAll("tables") Map<ServiceSpec, List<DestSpec>> actual) {
        DesiredTable want = new DesiredTable(desired.entrySet().stream()
                .map(e -> new DesiredService(e.getKey(), e.getValue())).toList());
        IpvsTable have = IpvsPlannerTest.TableMath.table(actual);
        List<IpvsOp> ops = IpvsPlanner.plan(want, have, k -> true);
        IpvsTable after = IpvsPlannerTest.TableMath.apply(have, ops);
        assertThat(IpvsPlannerTest.TableMath.asMap(after)).isEqualTo(IpvsPlannerTest.TableMath.asMap(IpvsPlannerTest.TableMath.table(desired)));
        assertThat(IpvsPlanner.plan(want, after, k -> true)).isEmpty();
    }

    @Property(tries = 200)
    void planningDesiredAgainstItselfGivesNothing(@ForAll("tables") Map<ServiceSpec, List<DestSpec>> desired) {
        DesiredTable want = new DesiredTable(desired.entrySet().stream()
                .map(e -> new DesiredService(e.getKey(), e.getValue())).toList());
        assertThat(IpvsPlanner.plan(want, IpvsPlannerTest.TableMath.table(desired), k -> true)).isEmpty();
    }

    @Provide
    Arbitrary<Map<ServiceSpec, List<DestSpec>>> tables() {
        Arbitrary<ServiceSpec> services = Combinators.combine(
                        Arbitraries.integers().between(80, 84),
                        Arbitraries.of("rr", "wrr", "lc", "sh"),
                        Arbitraries.of(Set.<ServiceFlag>of(), Set.of(ServiceFlag.ONE_PACKET)))
                .as((port, sched, flags) -> new ServiceSpec(ServiceKey.of(Protocol.TCP, ip("198.51.100.100"), port), sched, flags, 0, 32));
        Arbitrary<DestSpec> dests = Combinators.combine(
                        Arbitraries.integers().between(1, 6),
                        Arbitraries.integers().between(0, 3),
                        Arbitraries.of(Forwarding.values()))
                .as((n, w, fwd) -> DestSpec.of(DestKey.of(ip("198.51.100." + (10 + n)), 80), fwd, w));
        Arbitrary<List<DestSpec>> destLists = dests.list().ofMaxSize(5)
                .map(l -> new ArrayList<>(l.stream().collect(Collectors.toMap(DestSpec::key, d -> d, (a, b) -> a, LinkedHashMap::new)).values()));
        return Combinators.combine(services.list().ofMaxSize(4), destLists.list().ofSize(4)).as((svcs, lists) -> {
            Map<ServiceSpec, List<DestSpec>> m = new LinkedHashMap<>();
            Set<ServiceKey> seen = new java.util.HashSet<>();
            for (int i = 0; i < svcs.size(); i++) {
                if (seen.add(svcs.get(i).key())) {
                    m.put(svcs.get(i), lists.get(i));
                }
            }
            return m;
        });
    }

}
