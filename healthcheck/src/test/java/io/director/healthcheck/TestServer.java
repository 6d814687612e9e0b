package io.director.healthcheck;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real TCP server on 127.0.0.1 (ephemeral port) with one behaviour per connection, written with plain
 * blocking sockets and a thread per connection: the engine under test is the only asynchronous party.
 */
public final class TestServer implements AutoCloseable {

    /** What the server does with one accepted connection. */
    @FunctionalInterface
    public interface Behaviour {
        void serve(Socket socket, TestServer server) throws IOException, InterruptedException;
    }

    private final ServerSocket listener;
    private final Behaviour behaviour;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    public final AtomicInteger connections = new AtomicInteger();
    public final AtomicInteger requests = new AtomicInteger();
    public final AtomicLong bytesWritten = new AtomicLong();
    public final AtomicLong mostBytesOnOneConnection = new AtomicLong();
    public volatile boolean finishedWriting;
    private volatile boolean closed;

    public TestServer(Behaviour behaviour) throws IOException {
        this(new ServerSocket(0, 200, InetAddress.getLoopbackAddress()), behaviour);
    }

    public TestServer(ServerSocket listener, Behaviour behaviour) {
        this.listener = listener;
        this.behaviour = behaviour;
        Thread acceptor = new Thread(this::acceptLoop, "test-server-" + listener.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return listener.getLocalPort();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket socket = listener.accept();
                sockets.add(socket);
                connections.incrementAndGet();
                Thread t = new Thread(() -> {
                    try {
                        behaviour.serve(socket, this);
                    } catch (IOException | InterruptedException e) {
                        // the client went away: that is what many tests provoke
                    } finally {
                        finishedWriting = true;
                    }
                }, "test-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    /** Reads one request head (up to the blank line); false when the client closed first. */
    public boolean readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            head.write(b);
            byte[] h = head.toByteArray();
            int n = h.length;
            if (n >= 4 && h[n - 4] == '\r' && h[n - 3] == '\n' && h[n - 2] == '\r' && h[n - 1] == '\n') {
                requests.incrementAndGet();
                lastRequest = head.toString(StandardCharsets.ISO_8859_1);
                return true;
            }
        }
        return false;
    }

    public volatile String lastRequest = "";

    public void write(OutputStream out, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        out.write(bytes);
        out.flush();
        bytesWritten.addAndGet(bytes.length);
    }

    @Override
    public void close() throws IOException {
        closed = true;
        listener.close();
        for (Socket s : sockets) {
            s.close();
        }
    }

    // ---- behaviours ----

    public static Behaviour respond(int status, String body) {
        return (socket, server) -> {
            try (socket) {
                if (server.readRequest(socket.getInputStream())) {
                    server.write(socket.getOutputStream(), "HTTP/1.1 " + status + " X\r\nContent-Length: " + body.length()
                            + "\r\nConnection: close\r\n\r\n" + body);
                }
            }
        };
    }

    /** Answers every request on the connection while the client keeps it open. */
    public static Behaviour keepAlive(String body) {
        return (socket, server) -> {
            try (socket) {
                while (server.readRequest(socket.getInputStream())) {
                    server.write(socket.getOutputStream(), "HTTP/1.1 200 OK\r\nContent-Length: " + body.length()
                            + "\r\n\r\n" + body);
                }
            }
        };
    }

    /** Reads the request, then says nothing until the client (or {@link #close()}) closes the connection. */
    public static Behaviour silent() {
        return (socket, server) -> {
            server.readRequest(socket.getInputStream());
            holdUntilClosed(socket);
        };
    }

    /** Holds a connection open, answering nothing, until the peer or {@link #close()} ends it. */
    private static void holdUntilClosed(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        while (in.read() != -1) {
            // discard whatever the client still sends
        }
    }

    /** A valid response, one byte a second (paced by a timer), until it is complete or the client leaves. */
    public static Behaviour trickle() {
        return (socket, server) -> {
            server.readRequest(socket.getInputStream());
            String reply = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";
            AtomicInteger next = new AtomicInteger();
            CompletableFuture<Void> done = new CompletableFuture<>();
            ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "test-trickle");
                t.setDaemon(true);
                return t;
            });
            pacer.scheduleAtFixedRate(() -> {
                try {
                    int i = next.getAndIncrement();
                    server.write(socket.getOutputStream(), reply.substring(i, i + 1));
                    if (i + 1 == reply.length()) {
                        done.complete(null);
                    }
                } catch (IOException e) {
                    done.complete(null); // the client gave up: what the test provokes
                }
            }, 0, 1, TimeUnit.SECONDS);
            try {
                done.join();
            } finally {
                pacer.shutdownNow();
            }
        };
    }

    public static Behaviour garbage() {
        return (socket, server) -> {
            server.readRequest(socket.getInputStream());
            byte[] noise = new byte[4096];
            new java.util.Random(42).nextBytes(noise);
            socket.getOutputStream().write(noise);
            socket.getOutputStream().flush();
            holdUntilClosed(socket);
        };
    }

    public static Behaviour resetMidResponse() {
        return (socket, server) -> {
            server.readRequest(socket.getInputStream());
            server.write(socket.getOutputStream(), "HTTP/1.1 200 OK\r\nContent-Le");
            socket.setSoLinger(true, 0); // close with RST
            socket.close();
        };
    }

    /** A 200 with a 100 MB body, written until the client stops reading (per connection, what left is counted). */
    public static Behaviour huge() {
        return (socket, server) -> {
            server.readRequest(socket.getInputStream());
            long size = 100L * 1024 * 1024;
            OutputStream out = socket.getOutputStream();
            server.write(out, "HTTP/1.1 200 OK\r\nContent-Length: " + size + "\r\nConnection: close\r\n\r\n");
            byte[] chunk = new byte[64 * 1024];
            java.util.Arrays.fill(chunk, (byte) 'a');
            for (long sent = 0; sent < size; sent += chunk.length) {
                out.write(chunk);
                server.bytesWritten.addAndGet(chunk.length);
                server.mostBytesOnOneConnection.accumulateAndGet(sent + chunk.length, Math::max);
            }
        };
    }
}
