package io.director.lab.tools;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The lab's connection holder, one JVM in the guest: N HTTP keep-alive connections to the
 * target, each sending GET every interval. Logs HOLDING N once every connection has answered,
 * SERVER I NAME per connection, RESET I MILLIS REASON when one breaks (reset, closed by the peer,
 * or no answer for the stall limit), ROUND K MILLIS N each time every connection still open (N) has
 * answered again since the previous round; on SIGTERM logs REQUESTS N and prints a summary.
 *
 * <pre>java -cp lab/target/classes io.director.lab.tools.HolderMain --target 198.51.100.100:80 --connections 10
 *      --log FILE [--interval-ms 200] [--stall-ms 30000]</pre>
 */
public final class HolderMain {
    private final InetSocketAddress target;
    private final int intervalMs;
    private final int stallMs;
    private final PrintWriter log;
    private final long start = System.nanoTime();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicInteger resets = new AtomicInteger();
    private final java.util.Set<Integer> round = new java.util.HashSet<>(); // guarded by this
    private int rounds;                                                    // guarded by this
    private int connections;

    private HolderMain(InetSocketAddress target, int intervalMs, int stallMs, PrintWriter log) {
        this.target = target;
        this.intervalMs = intervalMs;
        this.stallMs = stallMs;
        this.log = log;
    }

    public static void main(String[] args) throws Exception {
        ToolArgs a;
        int connections;
        HolderMain holder;
        try {
            a = new ToolArgs(args, Set.of("target", "connections", "log", "interval-ms", "stall-ms"));
            connections = a.positive("connections", 1);
            InetSocketAddress target = a.target("target");
            PrintWriter log = new PrintWriter(Files.newBufferedWriter(Path.of(a.text("log", null)), StandardCharsets.UTF_8), true);
            holder = new HolderMain(target, a.positive("interval-ms", 200), a.positive("stall-ms", 30_000), log);
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("holder: " + e.getMessage());
            System.exit(2);
            return;
        }
        holder.run(connections);
    }

    private void run(int connections) throws InterruptedException {
        this.connections = connections;
        CountDownLatch answered = new CountDownLatch(connections);
        for (int i = 0; i < connections; i++) {
            int index = i;
            Thread t = new Thread(() -> hold(index, answered), "hold-" + i);
            t.setDaemon(true);
            t.start();
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.println("REQUESTS " + requests.get());
            log.flush();
            System.out.println("holder: connections=" + connections + " requests=" + requests.get() + " resets=" + resets.get());
            System.out.flush();
        }));
        answered.await();
        log.println("HOLDING " + connections);
        Thread.currentThread().join();
    }

    private void hold(int index, CountDownLatch answered) {
        boolean first = true;
        try (Socket socket = new Socket()) {
            socket.setSoTimeout(stallMs);
            socket.setTcpNoDelay(true);
            socket.connect(target, stallMs);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            while (true) {
                String server = HttpExchange.get(in, out, ToolArgs.hostHeader(target), "/", true);
                requests.incrementAndGet();
                answered(index);
                if (first) {
                    log.println("SERVER " + index + " " + server);
                    answered.countDown();
                    first = false;
                }
                Thread.sleep(intervalMs);
            }
        } catch (SocketTimeoutException e) {
            broke(index, "stalled", first, answered);
        } catch (IOException e) {
            String m = e.getMessage() == null ? "closed" : e.getMessage().replace(' ', '_');
            broke(index, m, first, answered);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Connection {@code index} answered: a round ends once every connection still open has answered in it. */
    private synchronized void answered(int index) {
        round.add(index);
        endRoundIfComplete();
    }

    private synchronized void endRoundIfComplete() {
        int open = connections - resets.get();
        if (open > 0 && round.size() >= open) {
            rounds++;
            log.println("ROUND " + rounds + " " + (System.nanoTime() - start) / 1_000_000 + " " + open);
            round.clear();
        }
    }

    private void broke(int index, String reason, boolean beforeFirstAnswer, CountDownLatch answered) {
        synchronized (this) {
            resets.incrementAndGet();
            round.remove(index);
            endRoundIfComplete();
        }
        log.println("RESET " + index + " " + (System.nanoTime() - start) / 1_000_000 + " " + reason);
        if (beforeFirstAnswer) {
            answered.countDown();
        }
    }
}
