package io.director.ipvs;

import static io.director.ipvs.IpvsCodecTest.WEB;
import static io.director.ipvs.IpvsCodecTest.ip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The fake must answer like the kernel, or tests built on it prove nothing. */
class InMemoryIpvsTest {
    static DestSpec dest(int host, int weight) {
        return DestSpec.of(DestKey.of(ip("198.51.100." + host), 80), Forwarding.DR, weight);
    }

    @Test
    void appliesOpsAndAnswersWithTheKernelsErrors() throws Exception {
        InMemoryIpvs ipvs = new InMemoryIpvs();
        BatchResult r = ipvs.apply(List.of(
                new IpvsOp.AddDest(WEB, dest(11, 1)),                       // ESRCH: no service yet
                new IpvsOp.AddService(ServiceSpec.of(WEB, "wrr")),
                new IpvsOp.AddService(ServiceSpec.of(WEB, "rr")),            // EEXIST
                new IpvsOp.AddDest(WEB, dest(11, 1)),
                new IpvsOp.AddDest(WEB, dest(11, 2)),                       // EEXIST
                new IpvsOp.EditDest(WEB, dest(12, 2)),                      // ENOENT
                new IpvsOp.AddDest(WEB, DestSpec.of(DestKey.of(ip("2001:db8::11"), 80), Forwarding.DR, 1)), // EINVAL
                new IpvsOp.EditDest(WEB, dest(11, 4))));
        assertThat(r.results()).extracting(x -> x.error().map(IpvsException::errnoName).orElse("ok"))
                .containsExactly("ESRCH", "ok", "EEXIST", "ok", "EEXIST", "ENOENT", "EINVAL", "ok");
        assertThat(ipvs.requested()).hasSize(8);
        assertThat(ipvs.applied()).hasSize(3);
        IpvsTable t = ipvs.table();
        assertThat(t.services()).hasSize(1);
        assertThat(t.services().get(0).service().spec().scheduler()).isEqualTo("wrr");
        assertThat(t.services().get(0).dests()).extracting(ObservedDest::spec).containsExactly(dest(11, 4));
    }

    @Test
    void deleteAndFlushAndInjectedFailures() throws Exception {
        InMemoryIpvs ipvs = InMemoryIpvs.with(List.of(new IpvsOp.AddService(ServiceSpec.of(WEB, "wrr")),
                new IpvsOp.AddDest(WEB, dest(11, 1))));
        assertThat(ipvs.applied()).isEmpty();
        ipvs.failWhen(op -> op instanceof IpvsOp.DeleteDest, 1);
        assertThatThrownBy(() -> ipvs.apply(new IpvsOp.DeleteDest(WEB, dest(11, 1).key()))).hasMessageContaining("EPERM");
        ipvs.failWhen(op -> false, 0);
        ipvs.apply(new IpvsOp.DeleteDest(WEB, dest(11, 1).key()));
        assertThat(ipvs.dests(WEB)).isEmpty();
        ipvs.apply(new IpvsOp.DeleteService(WEB));
        assertThatThrownBy(() -> ipvs.dests(WEB)).hasMessageContaining("ESRCH");
        ipvs.apply(new IpvsOp.AddService(ServiceSpec.of(WEB, "wrr")));
        ipvs.flush();
        assertThat(ipvs.services()).isEmpty();
    }
}
