package io.director.healthcheck;

import io.director.config.model.NotifyConfig;
import io.director.healthcheck.probe.ProcessGroups;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * keepalived-style notify commands for real-server transitions: runs {@code notify.realServerUp} or
 * {@code realServerDown} with {@code sh -c}, the service and the real server as {@code $1} and {@code $2}
 * (for example {@code "tcp 198.51.100.100:80"} and {@code 198.51.100.11:80}), and {@code DIRECTOR_EVENT}
 * ({@code up}/{@code down}) and {@code DIRECTOR_REASON} in the environment. Commands run one at a time, in
 * event order, on a thread of their own (a slow command never holds up the event stream); each is killed
 * with its process group at {@code notify.timeout}. Chain it after the daemon's own listener.
 */
public final class RealServerNotifier implements HealthListener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RealServerNotifier.class);

    private final NotifyConfig notify;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "health-notify");
        t.setDaemon(true);
        return t;
    });

    public RealServerNotifier(NotifyConfig notify) {
        this.notify = notify;
    }

    @Override
    public void onEvent(HealthEvent event) {
        if (event instanceof HealthEvent.RealServerUp up) {
            run(notify.realServerUp(), "up", "", up.service().toString(), up.realServer().toString());
        } else if (event instanceof HealthEvent.RealServerDown down) {
            run(notify.realServerDown(), "down", down.reason(), down.service().toString(), down.realServer().toString());
        }
    }

    private void run(Optional<String> command, String event, String reason, String service, String realServer) {
        command.ifPresent(cmd -> runner.execute(() -> {
            try {
                Process process = ProcessGroups.start(cmd, List.of(service, realServer),
                        Map.of("DIRECTOR_EVENT", event, "DIRECTOR_REASON", reason));
                if (!process.waitFor(notify.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                    LOG.warn("notify command for {} {} {} timed out after {}: killed", event, service, realServer, notify.timeout());
                    ProcessGroups.killGroup(process);
                } else if (process.exitValue() != 0) {
                    LOG.warn("notify command for {} {} {} exited with {}", event, service, realServer, process.exitValue());
                }
            } catch (IOException e) {
                LOG.warn("cannot run notify command for {} {} {}: {}", event, service, realServer, e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
    }

    /** Lets a running command finish (up to its timeout); drops commands not yet started. */
    @Override
    public void close() {
        runner.shutdown();
        try {
            if (!runner.awaitTermination(notify.timeout().toMillis() + 1000, TimeUnit.MILLISECONDS)) {
                runner.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
