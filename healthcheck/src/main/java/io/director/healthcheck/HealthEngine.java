package io.director.healthcheck;

import io.director.config.core.ConfigDiff;
import io.director.config.model.ServiceConfig;
import io.director.config.model.ServiceId;
import io.director.healthcheck.core.CheckOutcome;
import io.director.healthcheck.core.CheckProblems;
import io.director.healthcheck.core.CheckSchedule;
import io.director.healthcheck.core.CheckTarget;
import io.director.healthcheck.core.HealthBook;
import io.director.healthcheck.core.TargetKey;
import io.director.healthcheck.probe.CheckLoops;
import io.director.healthcheck.probe.NettyTransport;
import io.director.healthcheck.probe.Probes;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.Ticker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the health checks of a configuration and reports transitions to a {@link HealthListener}.
 *
 * <p>Checks run on Netty event loops (no thread per check; scripts are started on a small helper pool).
 * Outcomes are judged by the pure {@link HealthBook} under one lock; the events it returns are queued, in
 * that order, to a single delivery thread that calls the listener.
 *
 * <p>Initial state: after {@link #update}, {@link #snapshot()} gives every real server's and service's state
 * (real servers start as their check's {@code initiallyUp} says; a service starts with quorum if enough of
 * them are up). Events then report only changes.
 */
public final class HealthEngine implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HealthEngine.class);

    private final HealthEngineOptions options;
    private final HealthListener listener;
    private final EventLoopGroup loops;
    private final ExecutorService delivery;
    private final ExecutorService blocking;
    private final Probes probes;
    private final CheckSchedule schedule;
    /** Stamps results; used under {@code lock}. */
    private final ResultClock resultClock;
    private final TargetRunner.Sink sink = new Sink();

    private final Object lock = new Object();
    private final HealthBook book = new HealthBook();
    /** Running checks by service: a reload looks into the changed services only (2,000 of them hold 40,000). */
    private final Map<ServiceId, Map<TargetKey, TargetRunner>> runners = new HashMap<>();
    /** The services last applied, in their order. */
    private List<ServiceConfig> current = List.of();
    private long nextSlot;
    private boolean closed;

    public HealthEngine(HealthEngineOptions options, HealthListener listener) {
        this.options = options;
        this.listener = listener;
        NettyTransport transport = NettyTransport.chosen();
        this.loops = new CheckLoops(options.eventLoopThreads(), transport);
        this.delivery = Executors.newSingleThreadExecutor(new DefaultThreadFactory("health-events", true));
        this.blocking = Executors.newCachedThreadPool(new DefaultThreadFactory("health-script", true));
        this.probes = new Probes(transport, options.sourceAddress(), blocking);
        LOG.info("health checks run on Netty's {} transport", transport);
        this.schedule = new CheckSchedule(Ticker.systemTicker().nanoTime());
        this.resultClock = new ResultClock(options.clock());
    }

    /**
     * Applies a configuration: targets whose real server and check are unchanged keep running with their
     * state; removed ones stop; new ones start on their own phase of the interval.
     *
     * @throws IllegalArgumentException listing every problem when a check cannot run; nothing is changed then
     */
    public void update(List<ServiceConfig> services) {
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("health engine is closed");
            }
            // Only the services that changed are looked at: a reload hands over the unchanged ones as they were.
            boolean inPlace = ConfigDiff.sameServicesInOrder(current, services);
            Map<ServiceId, ServiceConfig> before = inPlace ? Map.of() : ConfigDiff.byId(current);
            List<ServiceConfig> changed = new ArrayList<>();
            for (int i = 0; i < services.size(); i++) {
                ServiceConfig s = services.get(i);
                if (inPlace ? s != current.get(i) : before.get(s.id()) != s) {
                    changed.add(s);
                }
            }
            Map<TargetKey, CheckTarget> targets = CheckTarget.of(changed);
            List<String> problems = CheckProblems.of(targets.values());
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException("health checks refused: " + String.join("; ", problems));
            }
            if (inPlace) {
                changed.forEach(s -> stopReplaced(s.id(), targets));
            } else {
                Map<ServiceId, ServiceConfig> next = ConfigDiff.byId(services);
                for (ServiceId id : new ArrayList<>(runners.keySet())) {
                    ServiceConfig now = next.get(id);
                    if (now == null || now != before.get(id)) {
                        stopReplaced(id, targets);
                    }
                }
            }
            current = List.copyOf(services);
            deliver(book.apply(services));
            long now = Ticker.systemTicker().nanoTime();
            for (CheckTarget target : targets.values()) {
                Map<TargetKey, TargetRunner> ofService = runners.computeIfAbsent(target.key().service(), id -> new HashMap<>());
                if (!ofService.containsKey(target.key())) {
                    EventLoop loop = loops.next();
                    TargetRunner runner = new TargetRunner(target, loop, probes.create(target, loop), sink, loop.ticker()::nanoTime);
                    ofService.put(target.key(), runner);
                    runner.start(schedule.firstDue(nextSlot++, runner.intervalNanos(), now));
                }
            }
        }
    }


    /** Stops the checks of service {@code id} that {@code targets} no longer has as they are. */
    private void stopReplaced(ServiceId id, Map<TargetKey, CheckTarget> targets) {
        Map<TargetKey, TargetRunner> ofService = runners.get(id);
        if (ofService == null) {
            return;
        }
        ofService.values().removeIf(runner -> {
            boolean replaced = !runner.target.equals(targets.get(runner.target.key()));
            if (replaced) {
                runner.stop();
            }
            return replaced;
        });
        if (ofService.isEmpty()) {
            runners.remove(id);
        }
    }

    public HealthSnapshot snapshot() {
        synchronized (lock) {
            return book.snapshot();
        }
    }

    /** The state of the services {@code of} accepts only. */
    public HealthSnapshot snapshot(Predicate<ServiceId> of) {
        synchronized (lock) {
            return book.snapshot(of);
        }
    }

    /** Stops every check and the threads; events already queued are still delivered (briefly). */
    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            runners.values().forEach(ofService -> ofService.values().forEach(TargetRunner::stop));
            runners.clear();
        }
        loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        blocking.shutdown();
        delivery.shutdown();
        try {
            blocking.awaitTermination(2, TimeUnit.SECONDS);
            delivery.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        blocking.shutdownNow();
    }

    /** Called with the lock held, so events are queued in the order the book produced them. */
    private void deliver(List<HealthEvent> events) {
        for (HealthEvent event : events) {
            delivery.execute(() -> {
                try {
                    listener.onEvent(event);
                } catch (RuntimeException e) {
                    LOG.error("health listener failed on {}", event, e);
                }
            });
        }
    }

    private final class Sink implements TargetRunner.Sink {
        @Override
        public void completed(TargetRunner runner, CheckOutcome outcome, long latencyNanos, long endTicks) {
            synchronized (lock) {
                Map<TargetKey, TargetRunner> ofService = runners.get(runner.target.key().service());
                if (closed || ofService == null || ofService.get(runner.target.key()) != runner) {
                    return; // a result of a target a reload stopped or replaced
                }
                deliver(book.record(runner.target.key(), outcome, Duration.ofNanos(latencyNanos), resultClock.at(endTicks)));
            }
        }

        @Override
        public void started(long latenessNanos) {
            options.startLateness().ifPresent(observer -> observer.accept(latenessNanos));
        }
    }
}
