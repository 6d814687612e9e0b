package io.director.healthcheck.core;

import static io.director.healthcheck.Fixtures.realServer;
import static io.director.healthcheck.Fixtures.service;
import static io.director.healthcheck.Fixtures.serviceId;
import static io.director.healthcheck.Fixtures.tcp;
import static io.director.healthcheck.Fixtures.timing;
import static org.assertj.core.api.Assertions.assertThat;

import io.director.config.model.CheckConfig;
import io.director.config.model.Quorum;
import io.director.config.model.RealServerConfig;
import io.director.config.model.RealServerId;
import io.director.config.model.ServiceConfig;
import io.director.config.model.ServiceId;
import io.director.healthcheck.HealthEvent;
import io.director.healthcheck.HealthSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class HealthBookTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final CheckConfig RISE2_FALL2_UP = tcp(timing(1000, 500, 2, 2, true));
    private static final ServiceId SVC = serviceId(80);

    private final HealthBook book = new HealthBook();

    private static RealServerConfig rs(int port) {
        return realServer(port, RISE2_FALL2_UP);
    }

    private static TargetKey key(int port) {
        return new TargetKey(SVC, rs(port).id());
    }

    private List<HealthEvent> fail(int port) {
        return book.record(key(port), CheckOutcome.failed("status 500"), Duration.ofMillis(3), T0);
    }

    private List<HealthEvent> pass(int port) {
        return book.record(key(port), CheckOutcome.ok("status 200"), Duration.ofMillis(3), T0);
    }

    @Test
    void realServerGoesDownAfterFallFailuresAndUpAfterRiseSuccesses() {
        assertThat(book.apply(List.of(service(80, List.of(rs(8001)))))).isEmpty();
        assertThat(fail(8001)).isEmpty();
        assertThat(fail(8001)).containsExactly(new HealthEvent.RealServerDown(SVC, rs(8001).id(), "status 500"));
        assertThat(pass(8001)).isEmpty();
        assertThat(pass(8001)).containsExactly(new HealthEvent.RealServerUp(SVC, rs(8001).id()));
    }

    @Test
    void quorumLostAndRegainedWithHysteresisAfterTheRealServerEvent() {
        book.apply(List.of(service(80, new Quorum(2, 1), List.of(rs(8001), rs(8002), rs(8003)))));
        fail(8001);
        fail(8001);
        fail(8002);
        assertThat(fail(8002)).containsExactly(
                new HealthEvent.RealServerDown(SVC, rs(8002).id(), "status 500"),
                new HealthEvent.QuorumLost(SVC, 1, 2));
        pass(8002);
        assertThat(pass(8002)).containsExactly(new HealthEvent.RealServerUp(SVC, rs(8002).id())); // 2 up: not 2 + 1
        pass(8001);
        assertThat(pass(8001)).containsExactly(
                new HealthEvent.RealServerUp(SVC, rs(8001).id()),
                new HealthEvent.QuorumRegained(SVC, 3, 2));
    }

    @Test
    void aReusedServiceKeepsItsStateAndASnapshotCanBeOfSomeServicesOnly() {
        ServiceConfig web = service(80, List.of(rs(8001)));
        ServiceConfig other = service(81, List.of(rs(8001)));
        book.apply(List.of(web, other));
        fail(8001);
        fail(8001);
        assertThat(book.apply(List.of(web, other))).isEmpty();
        assertThat(book.snapshot().service(SVC).orElseThrow().healthy()).isZero();
        assertThat(book.snapshot(SVC::equals).services()).extracting(HealthSnapshot.Service::id).containsExactly(SVC);
    }

    @Test
    void servicesChangedInPlaceOrReorderedKeepTheirStateAndTheFilesOrder() {
        ServiceConfig web = service(80, List.of(rs(8001)));
        ServiceConfig other = service(81, List.of(rs(8001)));
        ServiceConfig third = service(82, List.of(rs(8001)));
        book.apply(List.of(web, other, third));
        fail(8001);
        fail(8001); // web's real server is down
        ServiceConfig webGrown = service(80, List.of(rs(8001), rs(8002)));
        assertThat(book.apply(List.of(webGrown, other, third))).isEmpty(); // in place: web alone is redone
        assertThat(book.snapshot().service(SVC).orElseThrow().realServers())
                .extracting(HealthSnapshot.RealServer::up).containsExactly(false, true);
        book.apply(List.of(third, webGrown)); // reordered, one removed: the whole list is redone
        assertThat(book.snapshot().services()).extracting(HealthSnapshot.Service::id).containsExactly(serviceId(82), SVC);
        assertThat(book.snapshot().service(SVC).orElseThrow().healthy()).isEqualTo(1);
        book.apply(List.of(third, service(80, List.of(rs(8001))))); // in place again after the reorder
        assertThat(book.snapshot().services()).extracting(HealthSnapshot.Service::id).containsExactly(serviceId(82), SVC);
        assertThat(book.snapshot().service(SVC).orElseThrow().healthy()).isZero();
    }

    @Test
    void snapshotShowsStateCountsAndLastCheck() {
        book.apply(List.of(service(80, List.of(rs(8001), realServer(8002, null)))));
        fail(8001);
        HealthSnapshot.Service s = book.snapshot().service(SVC).orElseThrow();
        assertThat(s.quorum()).isTrue();
        assertThat(s.healthy()).isEqualTo(2);
        HealthSnapshot.RealServer checked = s.realServer(rs(8001).id()).orElseThrow();
        assertThat(checked.up()).isTrue();
        assertThat(checked.checked()).isTrue();
        assertThat(checked.consecutiveFailures()).isEqualTo(1);
        assertThat(checked.lastCheck()).contains(new HealthSnapshot.LastCheck(false, "status 500", Duration.ofMillis(3), T0));
        HealthSnapshot.RealServer unchecked = s.realServer(realServer(8002, null).id()).orElseThrow();
        assertThat(unchecked.up()).isTrue();
        assertThat(unchecked.checked()).isFalse();
    }

    @Test
    void initiallyDownServersStartWithoutQuorum() {
        CheckConfig downUntilProven = tcp(timing(1000, 500, 1, 1, false));
        book.apply(List.of(service(80, new Quorum(1, 0), List.of(realServer(8001, downUntilProven)))));
        assertThat(book.snapshot().service(SVC).orElseThrow().quorum()).isFalse();
        assertThat(book.record(key(8001), CheckOutcome.ok("ok"), Duration.ZERO, T0)).containsExactly(
                new HealthEvent.RealServerUp(SVC, rs(8001).id()),
                new HealthEvent.QuorumRegained(SVC, 1, 1));
    }

    @Test
    void reloadKeepsUnchangedStateAndChangedCheckKeepsUpDown() {
        book.apply(List.of(service(80, List.of(rs(8001), rs(8002)))));
        fail(8001);
        fail(8001); // 8001 down
        fail(8002); // 8002 up, one failure counted
        CheckConfig retuned = tcp(timing(1000, 900, 2, 2, true));
        book.apply(List.of(service(80, List.of(realServer(8001, retuned), rs(8002)))));
        HealthSnapshot.Service s = book.snapshot().service(SVC).orElseThrow();
        assertThat(s.realServer(rs(8001).id()).orElseThrow().up()).isFalse(); // kept down although initiallyUp
        assertThat(s.realServer(rs(8002).id()).orElseThrow().consecutiveFailures()).isEqualTo(1); // unchanged: kept
        assertThat(fail(8002)).containsExactly(new HealthEvent.RealServerDown(SVC, rs(8002).id(), "status 500"));
    }

    @Test
    void reloadRemovingRealServersCanLoseQuorumAndResultsOfRemovedTargetsAreIgnored() {
        book.apply(List.of(service(80, new Quorum(2, 0), List.of(rs(8001), rs(8002)))));
        assertThat(book.apply(List.of(service(80, new Quorum(2, 0), List.of(rs(8001))))))
                .containsExactly(new HealthEvent.QuorumLost(SVC, 1, 2));
        fail(8002);
        assertThat(fail(8002)).isEmpty();
        assertThat(book.snapshot().service(SVC).orElseThrow().realServer(new RealServerId(rs(8002).address(), 8002))).isEmpty();
    }
}
