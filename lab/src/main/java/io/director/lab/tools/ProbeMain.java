package io.director.lab.tools;

import io.director.lab.ProbeReport;

import java.io.BufferedInputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The lab's traffic probe, one JVM in the guest: every period a new TCP connection and a GET to
 * the target, each with its own timeout, side by side. Logs one line per request (see
 * {@link ProbeReport}); on SIGTERM it lets the requests in flight finish and prints the summary.
 *
 * <pre>java -cp lab/target/classes io.director.lab.tools.ProbeMain --target 198.51.100.100:80 --log FILE
 *      [--period-ms 20] [--timeout-ms 500] [--path /]</pre>
 */
public final class ProbeMain {
    private final InetSocketAddress target;
    private final String path;
    private final int timeoutMs;
    private final BufferedWriter log;
    private final long start = System.nanoTime();
    private final long startEpochMillis = System.currentTimeMillis();

    private ProbeMain(InetSocketAddress target, String path, int timeoutMs, BufferedWriter log) {
        this.target = target;
        this.path = path;
        this.timeoutMs = timeoutMs;
        this.log = log;
    }

    public static void main(String[] args) throws Exception {
        ToolArgs a;
        InetSocketAddress target;
        try {
            a = new ToolArgs(args, Set.of("target", "period-ms", "timeout-ms", "log", "path"));
            target = a.target("target");
            a.positive("period-ms", 20);
            a.positive("timeout-ms", 500);
            a.text("log", null);
        } catch (IllegalArgumentException e) {
            System.err.println("probe: " + e.getMessage());
            System.exit(2);
            return;
        }
        int period = a.positive("period-ms", 20);
        Path logFile = Path.of(a.text("log", null));
        BufferedWriter log = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8);
        ProbeMain probe = new ProbeMain(target, a.text("path", "/"), a.positive("timeout-ms", 500), log);
        probe.run(period, logFile);
    }

    private void run(int periodMs, Path logFile) throws Exception {
        log.write("# probe target=" + target + " period-ms=" + periodMs + " timeout-ms=" + timeoutMs
                + " started-epoch-ms=" + startEpochMillis + "\n");
        log.flush();
        ExecutorService requests = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "probe-request");
            t.setDaemon(true);
            return t;
        });
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        ticker.scheduleAtFixedRate(() -> requests.execute(this::probeOnce), 0, periodMs, TimeUnit.MILLISECONDS);
        ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "probe-flush");
            t.setDaemon(true);
            return t;
        });
        flusher.scheduleWithFixedDelay(this::flush, 100, 100, TimeUnit.MILLISECONDS);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            ticker.shutdownNow();
            requests.shutdown();
            try {
                requests.awaitTermination(timeoutMs * 3L, TimeUnit.MILLISECONDS);
                synchronized (log) {
                    log.flush();
                }
                System.out.println("probe: " + ProbeReport.parse(Files.readAllLines(logFile)).summary());
            } catch (Exception e) {
                System.out.println("probe: cannot summarise: " + e);
            }
            System.out.flush();
        }));
        Thread.currentThread().join();
    }

    private void probeOnce() {
        long begin = System.nanoTime();
        String outcome;
        String detail;
        try (Socket socket = new Socket()) {
            socket.setSoTimeout(timeoutMs);
            socket.setTcpNoDelay(true);
            socket.connect(target, timeoutMs);
            long left = timeoutMs - (System.nanoTime() - begin) / 1_000_000;
            socket.setSoTimeout((int) Math.max(1, left));
            InputStream in = new BufferedInputStream(socket.getInputStream());
            detail = HttpExchange.get(in, socket.getOutputStream(), ToolArgs.hostHeader(target), path, false);
            outcome = detail.startsWith("http-") ? "FAIL" : "OK";
        } catch (SocketTimeoutException e) {
            outcome = "FAIL";
            detail = "timeout";
        } catch (ConnectException e) {
            outcome = "FAIL";
            detail = e.getMessage() != null && e.getMessage().contains("refused") ? "refused" : "connect-failed";
        } catch (NoRouteToHostException e) {
            outcome = "FAIL";
            detail = "no-route";
        } catch (SocketException e) {
            outcome = "FAIL";
            detail = e.getMessage() != null && e.getMessage().toLowerCase().contains("reset") ? "reset" : "socket-error";
        } catch (IOException | RuntimeException e) {
            outcome = "FAIL";
            detail = "error";
        }
        long end = System.nanoTime();
        String line = (begin - start) / 1_000_000 + " " + outcome + " " + (end - begin) / 1_000 + " "
                + (detail.isEmpty() ? "empty" : detail.replace(' ', '_')) + "\n";
        synchronized (log) {
            try {
                log.write(line);
            } catch (IOException e) {
                // the log is gone: nothing left to report to
            }
        }
    }

    private void flush() {
        synchronized (log) {
            try {
                log.flush();
            } catch (IOException e) {
                // reported by the next write
            }
        }
    }

}
