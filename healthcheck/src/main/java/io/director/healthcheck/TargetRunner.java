package io.director.healthcheck;

import io.director.healthcheck.core.CheckOutcome;
import io.director.healthcheck.core.CheckSchedule;
import io.director.healthcheck.core.CheckTarget;
import io.director.healthcheck.probe.Probe;
import io.netty.channel.EventLoop;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Runs one target's checks on its event loop: starts an attempt at each due time, fails it at the timeout,
 * and hands each outcome to the engine. All fields are touched on the loop only, so no locks. A due time
 * that comes while the previous attempt still runs (timeout longer than interval) is skipped.
 */
final class TargetRunner {

    /** Where outcomes go (the engine, under its lock). */
    interface Sink {
        /** {@code endTicks}: the loop's ticker reading when the check ended. */
        void completed(TargetRunner runner, CheckOutcome outcome, long latencyNanos, long endTicks);

        void started(long latenessNanos);
    }

    final CheckTarget target;
    private final EventLoop loop;
    private final Probe probe;
    private final Sink sink;
    private final LongSupplier ticker;
    private final long intervalNanos;
    private final long timeoutNanos;
    private final CheckOutcome timedOut;
    private boolean stopped;
    private long due;
    private ScheduledFuture<?> nextRun;
    private ScheduledFuture<?> timeoutTask;
    private Probe.Attempt current;
    private boolean inFlight;
    private long attemptId;
    private long startedAt;

    TargetRunner(CheckTarget target, EventLoop loop, Probe probe, Sink sink, LongSupplier ticker) {
        this.target = target;
        this.loop = loop;
        this.probe = probe;
        this.sink = sink;
        this.ticker = ticker;
        this.intervalNanos = Math.max(1, target.check().timing().interval().toNanos());
        this.timeoutNanos = Math.max(1, target.check().timing().timeout().toNanos());
        this.timedOut = CheckOutcome.failed("timeout after " + Duration.ofNanos(timeoutNanos).toMillis() + " ms");
    }

    long intervalNanos() {
        return intervalNanos;
    }

    void start(long firstDue) {
        execute(() -> scheduleAt(firstDue));
    }

    void stop() {
        execute(() -> {
            stopped = true;
            if (nextRun != null) {
                nextRun.cancel(false);
            }
            endAttempt(true);
            probe.close();
        });
    }

    private void scheduleAt(long dueNanos) {
        if (stopped) {
            return;
        }
        due = dueNanos;
        long wake = CheckSchedule.wakeAt(dueNanos, intervalNanos);
        nextRun = loop.schedule(this::run, Math.max(0, wake - ticker.getAsLong()), TimeUnit.NANOSECONDS);
    }

    private void run() {
        if (stopped) {
            return;
        }
        long now = ticker.getAsLong();
        if (!inFlight) {
            sink.started(now - due);
            inFlight = true;
            long id = ++attemptId;
            startedAt = now;
            timeoutTask = loop.schedule(() -> complete(id, timedOut, true), timeoutNanos, TimeUnit.NANOSECONDS);
            try {
                Probe.Attempt attempt = probe.start(outcome -> complete(id, outcome, false));
                if (inFlight && id == attemptId) {
                    current = attempt; // else it already completed inside start()
                }
            } catch (RuntimeException e) {
                complete(id, CheckOutcome.failed("cannot start check: " + e.getMessage()), true);
            }
        }
        scheduleAt(CheckSchedule.nextDue(due, intervalNanos, now));
    }

    private void complete(long id, CheckOutcome outcome, boolean abort) {
        if (!loop.inEventLoop()) {
            execute(() -> complete(id, outcome, abort));
            return;
        }
        if (stopped || !inFlight || id != attemptId) {
            return;
        }
        long end = ticker.getAsLong();
        endAttempt(abort);
        sink.completed(this, outcome, end - startedAt, end);
    }

    /** Ends the running attempt, if any: cancels its timeout, and aborts it when it did not finish by itself. */
    private void endAttempt(boolean abort) {
        inFlight = false;
        attemptId++;
        if (timeoutTask != null) {
            timeoutTask.cancel(false);
            timeoutTask = null;
        }
        Probe.Attempt attempt = current;
        current = null;
        if (abort && attempt != null) {
            attempt.abort();
        }
    }

    private void execute(Runnable task) {
        try {
            loop.execute(task);
        } catch (RejectedExecutionException e) {
            // the engine is closing: nothing left to run
        }
    }
}
