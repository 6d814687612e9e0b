package io.director.failover.runtime;

import io.director.config.model.NotifyConfig;
import io.director.failover.core.Role;
import io.director.failover.port.Notifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * keepalived-compatible notify commands, run with {@code sh -c} one after another (in the order of the role
 * changes) on their own thread, so a slow command never delays a takeover. Each is killed (with its children)
 * after the configured timeout.
 * <ul>
 *   <li>{@code master}, {@code backup}, {@code fault}: on entering that role, like {@code notify_master} etc.;</li>
 *   <li>{@code any}: on every change, with the arguments of keepalived's {@code notify} script:
 *       {@code INSTANCE <cluster name> <MASTER|BACKUP|FAULT|STOP> <priority>}.</li>
 * </ul>
 * INIT and WITNESS are not keepalived states and are not notified.
 */
public final class NotifyScripts implements Notifier, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NotifyScripts.class);
    private final NotifyConfig config;
    private final String instance;
    private final int priority;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "notify");
        t.setDaemon(true);
        return t;
    });

    public NotifyScripts(NotifyConfig config, String instance, int priority) {
        this.config = config;
        this.instance = instance;
        this.priority = priority;
    }

    /** The keepalived state name of a role, if keepalived has one. */
    static Optional<String> keepalivedState(Role role) {
        return switch (role) {
            case MASTER -> Optional.of("MASTER");
            case BACKUP -> Optional.of("BACKUP");
            case FAULT -> Optional.of("FAULT");
            case STOPPED -> Optional.of("STOP");
            default -> Optional.empty();
        };
    }

    @Override
    public void roleChanged(Role from, Role to, String reason) {
        Optional<String> state = keepalivedState(to);
        if (state.isEmpty()) {
            return;
        }
        Optional<String> specific = switch (to) {
            case MASTER -> config.master();
            case BACKUP -> config.backup();
            case FAULT -> config.fault();
            default -> Optional.empty();
        };
        List<List<String>> commands = new ArrayList<>();
        specific.ifPresent(cmd -> commands.add(List.of("sh", "-c", cmd)));
        config.any().ifPresent(cmd -> commands.add(List.of("sh", "-c", cmd + " \"$@\"", "sh",
                "INSTANCE", instance, state.get(), Integer.toString(priority))));
        for (List<String> command : commands) {
            try {
                runner.execute(() -> run(command));
            } catch (java.util.concurrent.RejectedExecutionException e) {
                LOG.warn("notify after close not run: {}", command);
            }
        }
    }

    private void run(List<String> command) {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            LOG.error("notify command cannot start: {}: {}", command, e.getMessage());
            return;
        }
        try {
            if (!process.waitFor(config.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                kill(process);
                LOG.warn("notify command killed after {} ms: {}", config.timeout().toMillis(), command);
            } else if (process.exitValue() != 0) {
                LOG.warn("notify command exited with {}: {}", process.exitValue(), command);
            }
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
        }
    }

    /** The command first (so it cannot go on to its next step), then everything it started. */
    private static void kill(Process process) {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
    }

    /** Lets running and queued commands finish (each bounded by its timeout), then stops. */
    @Override
    public void close() {
        runner.shutdown();
        try {
            if (!runner.awaitTermination(config.timeout().toMillis() * 4 + 1000, TimeUnit.MILLISECONDS)) {
                runner.shutdownNow();
            }
        } catch (InterruptedException e) {
            runner.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
