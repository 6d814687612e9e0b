package io.director.healthcheck;

import static org.assertj.core.api.Assertions.assertThat;

import io.director.config.model.RealServerId;
import io.director.config.model.ServiceConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.awaitility.Awaitility;

/** An engine under test with its events recorded, and waits on conditions with deadlines. */
public final class EngineHarness implements AutoCloseable {

    public final List<HealthEvent> events = new CopyOnWriteArrayList<>();
    public final List<String> deliveryThreads = new CopyOnWriteArrayList<>();
    public final HealthEngine engine;

    public EngineHarness() {
        this(HealthEngineOptions.defaults());
    }

    public EngineHarness(HealthEngineOptions options) {
        engine = new HealthEngine(options, event -> {
            deliveryThreads.add(Thread.currentThread().getName());
            events.add(event);
        });
    }

    public EngineHarness update(ServiceConfig... services) {
        engine.update(List.of(services));
        return this;
    }

    public static void await(String what, Duration deadline, BooleanSupplier condition) {
        Awaitility.await(what).atMost(deadline).pollInterval(Duration.ofMillis(10)).until(condition::getAsBoolean);
    }

    public <T extends HealthEvent> T awaitEvent(Class<T> type, Predicate<T> match, Duration deadline) {
        await("a " + type.getSimpleName() + " event (have " + events + ")", deadline,
                () -> events.stream().anyMatch(e -> type.isInstance(e) && match.test(type.cast(e))));
        return events.stream().filter(type::isInstance).map(type::cast).filter(match).findFirst().orElseThrow();
    }

    public HealthEvent.RealServerDown awaitDown(RealServerId id, Duration deadline) {
        return awaitEvent(HealthEvent.RealServerDown.class, e -> e.realServer().equals(id), deadline);
    }

    public List<HealthEvent> eventsFor(RealServerId id) {
        List<HealthEvent> out = new ArrayList<>();
        for (HealthEvent e : events) {
            if (e instanceof HealthEvent.RealServerUp up && up.realServer().equals(id)
                    || e instanceof HealthEvent.RealServerDown down && down.realServer().equals(id)) {
                out.add(e);
            }
        }
        return out;
    }

    public Optional<HealthSnapshot.RealServer> realServer(RealServerId id) {
        return engine.snapshot().services().stream().flatMap(s -> s.realServers().stream())
                .filter(r -> r.id().equals(id)).findFirst();
    }

    /**
     * The control server keeps being checked on schedule while the adversary misbehaves: within {@code window}
     * it gets at least half the checks its interval calls for (a stalled loop gives none or one; the margin is
     * for a loaded build machine), and never goes down.
     */
    public void assertControlKeepsSchedule(TestServer control, RealServerId controlId, Duration interval, Duration window) {
        int before = control.requests.get();
        long expected = window.toMillis() / interval.toMillis();
        await("control checks in " + window + " at interval " + interval, window.plus(interval),
                () -> control.requests.get() - before >= expected / 2);
        assertThat(eventsFor(controlId)).as("control real server events").isEmpty();
        assertThat(realServer(controlId).orElseThrow().up()).isTrue();
    }

    @Override
    public void close() {
        engine.close();
    }
}
