package io.director.daemon;

import io.director.config.model.NotifyConfig;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * keepalived-style notify commands, run with {@code sh -c} on their own thread so a slow script never
 * delays a takeover, each killed (with its children) at the configured timeout. Role commands run as
 * written, like keepalived's notify_master/backup/fault; the generic one gets keepalived's
 * {@code INSTANCE <name> <STATE> <priority>} arguments; real-server ones get the service and real server.
 */
public final class Notifications implements AutoCloseable {
    private final Supplier<NotifyConfig> config;
    private final EventLog log;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "notify");
        t.setDaemon(true);
        return t;
    });

    public Notifications(Supplier<NotifyConfig> config, EventLog log) {
        this.config = config;
        this.log = log;
    }

    public void role(String state, String clusterName, int priority) {
        NotifyConfig n = config.get();
        Optional<String> specific = switch (state) {
            case "MASTER" -> n.master();
            case "BACKUP" -> n.backup();
            case "FAULT" -> n.fault();
            default -> Optional.empty();
        };
        specific.ifPresent(cmd -> run(cmd, List.of()));
        n.any().ifPresent(cmd -> run(cmd, List.of("INSTANCE", clusterName, state, Integer.toString(priority))));
    }

    public void realServer(boolean up, String service, String realServer) {
        NotifyConfig n = config.get();
        (up ? n.realServerUp() : n.realServerDown()).ifPresent(cmd -> run(cmd, List.of(service, realServer)));
    }

    private void run(String command, List<String> args) {
        long timeoutMs = config.get().timeout().toMillis();
        runner.execute(() -> {
            List<String> argv = new ArrayList<>(List.of("setsid", "sh", "-c", command + " \"$@\"", "notify"));
            argv.addAll(args);
            try {
                Process p = new ProcessBuilder(argv).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (!p.waitFor(timeoutMs, TimeUnit.MILLISECONDS)) {
                    // setsid made the shell a group leader: kill the whole group, children too.
                    new ProcessBuilder("kill", "-KILL", "--", "-" + p.pid()).start().waitFor();
                    p.destroyForcibly();
                    log.event("notify-timeout", "command", command, "args", args, "timeout-ms", timeoutMs);
                } else if (p.exitValue() != 0) {
                    log.event("notify-failed", "command", command, "args", args, "exit", p.exitValue());
                }
            } catch (IOException e) {
                log.event("notify-failed", "command", command, "error", e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    @Override
    public void close() {
        runner.shutdown();
    }
}
