package io.director.lab.tools;

import io.director.lab.ProbeReport;

import java.io.BufferedWriter;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * The lab's traffic probe, one JVM and one thread in the guest: every period a new TCP
 * connection and a GET to the target, each with its own timeout, side by side on one selector
 * (threads and context switches are dear in User-Mode Linux). Logs one line per request (see
 * {@link ProbeReport}); on SIGTERM it lets the requests in flight finish and prints the summary.
 *
 * <pre>java -cp lab/target/classes io.director.lab.tools.ProbeMain --target 198.51.100.100:80 --log FILE
 *      [--period-ms 20] [--timeout-ms 500] [--path /]</pre>
 */
public final class ProbeMain {
    private final InetSocketAddress target;
    private final byte[] request;
    private final long periodNanos;
    private final long timeoutNanos;
    private final BufferedWriter log;
    private final long start = System.nanoTime();
    private final long startEpochMillis = System.currentTimeMillis();
    private final long startUptimeMillis = uptimeMillis();
    private final List<Exchange> inFlight = new ArrayList<>();
    private volatile boolean stopping;

    /** One request: its channel, when it started, what has arrived so far. */
    private static final class Exchange {
        final SocketChannel channel;
        final long begin;
        final ByteBuffer in = ByteBuffer.allocate(4096);
        ByteBuffer out;

        Exchange(SocketChannel channel, long begin) {
            this.channel = channel;
            this.begin = begin;
        }
    }

    private ProbeMain(InetSocketAddress target, String path, int periodMs, int timeoutMs, BufferedWriter log) {
        this.target = target;
        this.request = ("GET " + path + " HTTP/1.1\r\nHost: " + ToolArgs.hostHeader(target) + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        this.periodNanos = periodMs * 1_000_000L;
        this.timeoutNanos = timeoutMs * 1_000_000L;
        this.log = log;
    }

    public static void main(String[] args) throws Exception {
        ProbeMain probe;
        Path logFile;
        try {
            ToolArgs a = new ToolArgs(args, Set.of("target", "period-ms", "timeout-ms", "log", "path"));
            logFile = Path.of(a.text("log", null));
            probe = new ProbeMain(a.target("target"), a.text("path", "/"), a.positive("period-ms", 20),
                    a.positive("timeout-ms", 500), Files.newBufferedWriter(logFile, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("probe: " + e.getMessage());
            System.exit(2);
            return;
        }
        probe.run(logFile);
    }

    private void run(Path logFile) throws IOException {
        log.write("# probe target=" + target + " period-ms=" + periodNanos / 1_000_000 + " timeout-ms=" + timeoutNanos / 1_000_000
                + " started-epoch-ms=" + startEpochMillis + " started-uptime-ms=" + startUptimeMillis + "\n");
        log.flush();
        CountDownLatch finished = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping = true;
            try {
                finished.await();
                System.out.println("probe: " + ProbeReport.parse(Files.readAllLines(logFile)).summary());
            } catch (Exception e) {
                System.out.println("probe: cannot summarise: " + e);
            }
            System.out.flush();
        }));
        try (Selector selector = Selector.open()) {
            loop(selector);
        } finally {
            log.flush();
            finished.countDown();
        }
    }

    private void loop(Selector selector) throws IOException {
        long nextTick = System.nanoTime();
        long nextFlush = nextTick + 100_000_000L;
        while (!stopping || !inFlight.isEmpty()) {
            long now = System.nanoTime();
            if (!stopping && now >= nextTick) {
                open(selector, now);
                nextTick += periodNanos;
                if (now - nextTick > periodNanos * 10) {
                    nextTick = now + periodNanos;  // a stalled guest: do not fire a burst to catch up
                }
            }
            for (Exchange e : new ArrayList<>(inFlight)) {
                if (now - e.begin > timeoutNanos) {
                    finish(e, "FAIL", "timeout");
                }
            }
            if (now >= nextFlush) {
                log.flush();
                nextFlush = now + 100_000_000L;
            }
            long wait = Math.max(1, (Math.min(nextTick, nextFlush) - System.nanoTime()) / 1_000_000);
            selector.select(stopping ? 10 : wait);
            for (SelectionKey key : selector.selectedKeys()) {
                step((Exchange) key.attachment(), key);
            }
            selector.selectedKeys().clear();
        }
    }

    private void open(Selector selector, long now) {
        SocketChannel channel = null;
        try {
            channel = SocketChannel.open();
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            Exchange e = new Exchange(channel, now);
            inFlight.add(e);
            if (channel.connect(target)) {
                e.out = ByteBuffer.wrap(request);
                channel.register(selector, SelectionKey.OP_WRITE, e);
            } else {
                channel.register(selector, SelectionKey.OP_CONNECT, e);
            }
        } catch (IOException ex) {
            Exchange e = new Exchange(channel, now);
            inFlight.add(e);
            finish(e, "FAIL", reason(ex));
        }
    }

    private void step(Exchange e, SelectionKey key) {
        if (!inFlight.contains(e)) {
            return;
        }
        try {
            if (key.isConnectable()) {
                e.channel.finishConnect();
                e.out = ByteBuffer.wrap(request);
                key.interestOps(SelectionKey.OP_WRITE);
            } else if (key.isWritable()) {
                e.channel.write(e.out);
                if (!e.out.hasRemaining()) {
                    key.interestOps(SelectionKey.OP_READ);
                }
            } else if (key.isReadable()) {
                int n = e.channel.read(e.in);
                if (n < 0 || !e.in.hasRemaining()) {
                    String server = HttpResponse.firstBodyLine(e.in.array(), e.in.position());
                    if (server == null) {
                        finish(e, "FAIL", "closed");
                    } else {
                        finish(e, server.startsWith("http-") ? "FAIL" : "OK", server.isEmpty() ? "empty" : server);
                    }
                }
            }
        } catch (IOException ex) {
            finish(e, "FAIL", reason(ex));
        }
    }

    private static String reason(IOException e) {
        String m = e.getMessage() == null ? "" : e.getMessage().toLowerCase();
        if (e instanceof ConnectException) {
            return m.contains("refused") ? "refused" : "connect-failed";
        }
        if (e instanceof NoRouteToHostException) {
            return "no-route";
        }
        if (e instanceof SocketException && m.contains("reset")) {
            return "reset";
        }
        return m.contains("reset") ? "reset" : "error";
    }

    private void finish(Exchange e, String outcome, String detail) {
        inFlight.remove(e);
        try {
            if (e.channel != null) {
                e.channel.close();
            }
        } catch (IOException ignored) {
            // closing a failed channel: nothing to report
        }
        long end = System.nanoTime();
        try {
            log.write((e.begin - start) / 1_000_000 + " " + outcome + " " + (end - e.begin) / 1_000 + " "
                    + detail.replace(' ', '_') + "\n");
        } catch (IOException ignored) {
            // the log is gone: nothing left to report to
        }
    }

    /** The machine's uptime (/proc/uptime, 10 ms steps): a clock shell scripts read without a process. */
    private static long uptimeMillis() {
        try {
            String first = Files.readString(Path.of("/proc/uptime")).split(" ")[0];
            return Math.round(Double.parseDouble(first) * 1000);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
