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

class IpvsPlannerTest {

    static InetAddress ip(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static final ServiceKey WEB = ServiceKey.of(Protocol.TCP, ip("198.51.100.100"), 80);
    static final ServiceKey FOREIGN = ServiceKey.of(Protocol.UDP, ip("198.51.100.100"), 53);

    static DestSpec rs(int n, int weight) {
        return DestSpec.of(DestKey.of(ip("198.51.100." + (10 + n)), 80), Forwarding.DR, weight);
    }

    @Test
    void emptyKernelGetsServiceThenDestsInOrder() {
        DesiredTable want = new DesiredTable(List.of(new DesiredService(ServiceSpec.of(WEB, "wrr"), List.of(rs(1, 1), rs(2, 2)))));
        List<IpvsOp> ops = IpvsPlanner.plan(want, new IpvsTable(List.of()), k -> false);
        assertThat(ops).containsExactly(
                new IpvsOp.AddService(ServiceSpec.of(WEB, "wrr")),
                new IpvsOp.AddDest(WEB, rs(1, 1)),
                new IpvsOp.AddDest(WEB, rs(2, 2)));
    }

    @Test
    void weightChangeIsOneEditNotDeleteAndAdd() {
        IpvsTable actual = TableMath.table(Map.of(ServiceSpec.of(WEB, "wrr"), List.of(rs(1, 1), rs(2, 2))));
        DesiredTable want = new DesiredTable(List.of(new DesiredService(ServiceSpec.of(WEB, "wrr"), List.of(rs(1, 1), rs(2, 5)))));
        assertThat(IpvsPlanner.plan(want, actual, k -> true)).containsExactly(new IpvsOp.EditDest(WEB, rs(2, 5)));
    }

    @Test
    void schedulerChangeIsAnEditOfTheService() {
        IpvsTable actual = TableMath.table(Map.of(ServiceSpec.of(WEB, "wrr"), List.of(rs(1, 1))));
        DesiredTable want = new DesiredTable(List.of(new DesiredService(ServiceSpec.of(WEB, "lc"), List.of(rs(1, 1)))));
        assertThat(IpvsPlanner.plan(want, actual, k -> true)).containsExactly(new IpvsOp.EditService(ServiceSpec.of(WEB, "lc")));
    }

    @Test
    void foreignServicesStayUnlessTheTableIsOwned() {
        IpvsTable actual = TableMath.table(Map.of(ServiceSpec.of(FOREIGN, "rr"), List.of(rs(3, 1))));
        DesiredTable want = new DesiredTable(List.of());
        assertThat(IpvsPlanner.plan(want, actual, IpvsPlanner.ownership(false, Set.of()))).isEmpty();
        assertThat(IpvsPlanner.plan(want, actual, IpvsPlanner.ownership(false, Set.of(FOREIGN))))
                .containsExactly(new IpvsOp.DeleteService(FOREIGN));
        assertThat(IpvsPlanner.plan(want, actual, IpvsPlanner.ownership(true, Set.of())))
                .containsExactly(new IpvsOp.DeleteService(FOREIGN));
    }

    @Test
    void strayRealServerInAManagedServiceIsRemovedAfterAdditions() {
        IpvsTable actual = TableMath.table(Map.of(ServiceSpec.of(WEB, "rr"), List.of(rs(1, 1), rs(9, 1))));
        DesiredTable want = new DesiredTable(List.of(new DesiredService(ServiceSpec.of(WEB, "rr"), List.of(rs(1, 1), rs(2, 1)))));
        assertThat(IpvsPlanner.plan(want, actual, k -> false)).containsExactly(
                new IpvsOp.AddDest(WEB, rs(2, 1)),
                new IpvsOp.DeleteDest(WEB, rs(9, 1).key()));
    }

    /** A tiny model of the kernel table that applies ops, for checking plans. */
    static final class TableMath {
        static IpvsTable table(Map<ServiceSpec, List<DestSpec>> m) {
            List<IpvsTable.Entry> entries = new ArrayList<>();
            m.forEach((s, ds) -> entries.add(new IpvsTable.Entry(new ObservedService(s, Stats.ZERO),
                    ds.stream().map(d -> new ObservedDest(d, 0, 0, 0, Stats.ZERO)).toList())));
            return new IpvsTable(entries);
        }

        static Map<ServiceSpec, Set<DestSpec>> asMap(IpvsTable t) {
            Map<ServiceSpec, Set<DestSpec>> m = new LinkedHashMap<>();
            t.services().forEach(e -> m.put(e.service().spec(), e.dests().stream().map(ObservedDest::spec).collect(Collectors.toSet())));
            return m;
        }

        static IpvsTable apply(IpvsTable t, List<IpvsOp> ops) {
            Map<ServiceKey, ServiceSpec> specs = new LinkedHashMap<>();
            Map<ServiceKey, Map<DestKey, DestSpec>> dests = new LinkedHashMap<>();
            t.services().forEach(e -> {
                specs.put(e.service().spec().key(), e.service().spec());
                Map<DestKey, DestSpec> d = new LinkedHashMap<>();
                e.dests().forEach(x -> d.put(x.spec().key(), x.spec()));
                dests.put(e.service().spec().key(), d);
            });
            for (IpvsOp op : ops) {
                if (op instanceof IpvsOp.AddService a) {
                    assertThat(specs).doesNotContainKey(a.service());
                    specs.put(a.service(), a.spec());
                    dests.put(a.service(), new LinkedHashMap<>());
                } else if (op instanceof IpvsOp.EditService e) {
                    assertThat(specs.put(e.service(), e.spec())).isNotNull();
                } else if (op instanceof IpvsOp.DeleteService d) {
                    assertThat(specs.remove(d.service())).isNotNull();
                    dests.remove(d.service());
                } else if (op instanceof IpvsOp.AddDest a) {
                    assertThat(dests.get(a.service()).put(a.dest().key(), a.dest())).isNull();
                } else if (op instanceof IpvsOp.EditDest e) {
                    assertThat(dests.get(e.service()).put(e.dest().key(), e.dest())).isNotNull();
                } else if (op instanceof IpvsOp.DeleteDest d) {
                    assertThat(dests.get(d.service()).remove(d.dest())).isNotNull();
                }
            }
            Map<ServiceSpec, List<DestSpec>> m = new LinkedHashMap<>();
            specs.forEach((k, s) -> m.put(s, new ArrayList<>(dests.get(k).values())));
            return table(m);
        }
    }
}
