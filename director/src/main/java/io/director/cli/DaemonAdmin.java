package io.director.cli;

import io.director.daemon.Daemon;
import io.director.daemon.Drill;
import java.time.Duration;
import io.director.daemon.EventLog;
import io.director.daemon.ReloadOutcome;
import io.director.daemon.admin.AdminHandler;
import io.director.daemon.admin.AdminRequest;
import io.director.daemon.admin.AdminResponse;
import io.director.daemon.admin.AdminServer;
import io.director.daemon.admin.Peer;
import io.director.failover.runtime.HandoverResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** The daemon's side of the admin socket: status, reload and failover requests from the CLI. */
final class DaemonAdmin implements AdminHandler, AutoCloseable {
    private final Daemon daemon;
    private final AdminServer server;
    private final EventLog log;

    DaemonAdmin(Daemon daemon, Path socket, EventLog log) {
        this.daemon = daemon;
        this.log = log;
        this.server = new AdminServer(socket, this);
    }

    void start() throws Exception {
        server.start();
    }

    @Override
    public AdminResponse handle(AdminRequest request, Peer peer) {
        try {
            switch (request.command()) {
                case "status":
                    var status = daemon.status();
                    return new AdminResponse(0, request.json() ? status.json() : status.text());
                case "reload":
                    log.event("admin-request", "command", "reload", "uid", peer.uid(), "pid", peer.pid());
                    ReloadOutcome outcome = daemon.reload("admin (uid " + peer.uid() + ")");
                    return new AdminResponse(outcome.applied() ? 0 : 1, outcome.text());
                case "failover":
                    log.event("admin-request", "command", "failover", "args", request.args(), "uid", peer.uid(), "pid", peer.pid());
                    return failover(request.args());
                case "drill":
                    log.event("admin-request", "command", "drill", "args", request.args(), "uid", peer.uid(), "pid", peer.pid());
                    return drill(request.args());
                case "drill-progress":
                    return daemon.runningDrill().map(d -> new AdminResponse(0, String.join("\n", d.progress())))
                            .orElse(new AdminResponse(1, "no drill is running"));
                default:
                    return new AdminResponse(2, "unknown command '" + request.command() + "'; known: status, reload, failover, drill, drill-progress");
            }
        } catch (Exception e) {
            return new AdminResponse(1, request.command() + " failed: " + e.getMessage());
        }
    }

    private AdminResponse failover(List<String> args) throws Exception {
        Optional<String> to = Optional.empty();
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("--to") && i + 1 < args.size()) {
                to = Optional.of(args.get(++i));
            }
        }
        HandoverResult r = daemon.handover(to).get(30, TimeUnit.SECONDS);
        String text = r.succeeded()
                ? String.format("handover %s -> %s: new master after %.1f ms, old master released after %.1f ms",
                        r.previousMaster().orElse("?"), r.newMaster().orElse("?"),
                        r.takeover().map(d -> d.toNanos() / 1e6).orElse(Double.NaN), r.total().toNanos() / 1e6)
                : "handover failed: " + r.detail();
        return new AdminResponse(r.succeeded() ? 0 : 1, text);
    }

    private AdminResponse drill(List<String> args) throws Exception {
        int count = 1;
        Duration pause = Duration.ofSeconds(2);
        for (int i = 0; i + 1 < args.size(); i++) {
            if (args.get(i).equals("--count")) {
                count = Integer.parseInt(args.get(++i));
            } else if (args.get(i).equals("--interval")) {
                pause = Duration.ofMillis(Long.parseLong(args.get(++i)));
            }
        }
        if (count < 1 || count > 1000) {
            return new AdminResponse(2, "--count must be 1 to 1000");
        }
        Drill drill = daemon.drill(count, pause);
        return new AdminResponse(drill.allSucceeded() ? 0 : 1, drill.report());
    }

    @Override
    public void close() {
        server.close();
    }
}
