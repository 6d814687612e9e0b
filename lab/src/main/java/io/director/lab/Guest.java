package io.director.lab;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A booted lab guest and its control channel. {@code lab/bin/lab agent} boots the same guest
 * as {@code lab run} with UML's console on that process's stdin/stdout; a shell loop in the
 * guest (lab/guest/agent.sh) runs commands written as files into the run's scratch folder.
 */
final class Guest implements AutoCloseable {
    private static final String MARK = "@@lab ";
    private static final int TAIL_LINES = 40;

    private final Process process;
    private final OutputStream console;
    private final PrintWriter consoleLog;
    private final Deque<String> tail = new ArrayDeque<>();
    private final Map<Long, Command> commands = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final CountDownLatch agentUp = new CountDownLatch(1);
    private volatile Path scratch;
    private volatile String failure;
    private volatile boolean closing;
    private volatile double guestUptimeAtReady;

    /** A command sent to the agent: its process group once started, its exit code once done. */
    final class Command {
        final long id;
        final String where;
        final String text;
        final CompletableFuture<Long> group = new CompletableFuture<>();
        final CompletableFuture<Integer> done = new CompletableFuture<>();

        Command(long id, String where, String text) {
            this.id = id;
            this.where = where;
            this.text = text;
        }

        Path stdoutFile() {
            return scratch.resolve("cmd").resolve(id + ".out");
        }

        Path stderrFile() {
            return scratch.resolve("cmd").resolve(id + ".err");
        }
    }

    private Guest(Process process, Path consoleLogFile) throws IOException {
        this.process = process;
        this.console = process.getOutputStream();
        this.consoleLog = new PrintWriter(Files.newBufferedWriter(consoleLogFile, StandardCharsets.UTF_8), true);
        Thread reader = new Thread(this::readConsole, "lab-console");
        reader.setDaemon(true);
        reader.start();
    }

    /** Boots a guest with {@code realServers} real servers; results go to {@code out}. */
    static Guest boot(Path root, int realServers, Path out, Duration bootTimeout) {
        Path launcher = root.resolve("lab/bin/lab");
        try {
            Files.createDirectories(out);
            ProcessBuilder builder = new ProcessBuilder(launcher.toString(), "agent",
                    "--real-servers", Integer.toString(realServers), "--out", out.toString())
                    .redirectErrorStream(true);
            builder.environment().put("LAB_NO_INSTALL", "1");
            Guest guest = new Guest(builder.start(), out.resolve("console.log"));
            guest.awaitAgent(bootTimeout);
            return guest;
        } catch (IOException e) {
            throw new LabException("cannot start " + launcher + ": " + e.getMessage(), e);
        }
    }

    private void awaitAgent(Duration timeout) {
        try {
            if (!agentUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                close();
                throw new LabException("the lab guest was not ready within " + timeout.toSeconds() + " s;"
                        + " last console lines:\n" + tailText());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new LabException("interrupted while booting the lab guest");
        }
        if (failure != null) {
            close();
            throw new LabException(failure);
        }
    }

    double guestUptimeAtReady() {
        return guestUptimeAtReady;
    }

    private void readConsole() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                line = line.replace("\r", "");
                if (line.startsWith(MARK)) {
                    onMessage(line.substring(MARK.length()));
                } else {
                    remember(line);
                }
            }
        } catch (IOException e) {
            remember("(console read failed: " + e.getMessage() + ")");
        }
        String why = closing ? "the lab guest was shut down"
                : (failure != null ? failure : "the lab guest stopped unexpectedly; last console lines:\n" + tailText());
        if (failure == null) {
            failure = why;
        }
        agentUp.countDown();
        commands.values().forEach(c -> {
            c.group.completeExceptionally(new LabException(why));
            c.done.completeExceptionally(new LabException(why));
        });
        consoleLog.close();
    }

    private void remember(String line) {
        consoleLog.println(line);
        synchronized (tail) {
            tail.addLast(line);
            if (tail.size() > TAIL_LINES) {
                tail.removeFirst();
            }
        }
    }

    private String tailText() {
        synchronized (tail) {
            return String.join("\n", tail);
        }
    }

    private void onMessage(String message) {
        consoleLog.println(MARK + message);
        String[] parts = message.split(" ", 3);
        switch (parts[0]) {
            case "SCRATCH" -> scratch = Path.of(message.substring("SCRATCH ".length()));
            case "READY" -> guestUptimeAtReady = Double.parseDouble(parts[1]);
            case "FAIL" -> failure = "the lab guest failed to boot: " + message.substring("FAIL ".length());
            case "AGENT" -> agentUp.countDown();
            case "PID" -> {
                Command c = commands.get(Long.parseLong(parts[1]));
                if (c != null) {
                    c.group.complete(Long.parseLong(parts[2]));
                }
            }
            case "DONE" -> {
                Command c = commands.remove(Long.parseLong(parts[1]));
                if (c != null) {
                    c.done.complete(Integer.parseInt(parts[2]));
                }
            }
            default -> remember(MARK + message);
        }
    }

    /** Starts {@code shellCommand} with sh in namespace {@code where} ("-" for the root namespace). */
    Command start(String where, String shellCommand) {
        if (failure != null) {
            throw new LabException(failure);
        }
        Command c = new Command(ids.incrementAndGet(), where, shellCommand);
        try {
            Files.writeString(scratch.resolve("cmd").resolve(c.id + ".sh"), shellCommand + "\n");
            commands.put(c.id, c);
            synchronized (console) {
                console.write(("RUN " + c.id + " " + where + "\n").getBytes(StandardCharsets.US_ASCII));
                console.flush();
            }
        } catch (IOException e) {
            commands.remove(c.id);
            throw new LabException("cannot send a command to the lab guest: " + e.getMessage(), e);
        }
        return c;
    }

    /** Runs {@code shellCommand} to its end; kills it and throws when it outlives {@code timeout}. */
    Exec run(String where, String shellCommand, Duration timeout) {
        Command c = start(where, shellCommand);
        Integer code = awaitDone(c, timeout);
        if (code == null) {
            kill(c, "KILL");
            throw new LabException("[" + where + "] timed out after " + timeout.toMillis() + " ms: " + shellCommand
                    + "\n--- stdout so far ---\n" + read(c.stdoutFile()) + "\n--- stderr so far ---\n" + read(c.stderrFile()));
        }
        return result(c, code);
    }

    Exec result(Command c, int code) {
        Exec exec = new Exec(c.where, c.text, code, read(c.stdoutFile()), read(c.stderrFile()));
        deleteFiles(c);
        return exec;
    }

    /** The exit code, or null when the command is still running after {@code timeout}. */
    Integer awaitDone(Command c, Duration timeout) {
        try {
            return c.done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted while waiting for: " + c.text);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof LabException le ? le : new LabException(e.getCause().getMessage(), e.getCause());
        }
    }

    /** Sends SIGNAL to the command's whole process group (it runs as its own session). */
    void kill(Command c, String signal) {
        try {
            long group = c.group.get(10, TimeUnit.SECONDS);
            Command k = start("-", "kill -" + signal + " -" + group + " 2>/dev/null; true");
            awaitDone(k, Duration.ofSeconds(20));
            deleteFiles(k);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // never started or the guest is gone: nothing left to kill
        }
    }

    static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void deleteFiles(Command c) {
        try {
            Files.deleteIfExists(scratch.resolve("cmd").resolve(c.id + ".sh"));
            Files.deleteIfExists(c.stdoutFile());
            Files.deleteIfExists(c.stderrFile());
        } catch (IOException e) {
            // the scratch folder goes away with the guest
        }
    }

    /** Powers the guest off (EOF on its console), then makes sure nothing of it is left. */
    @Override
    public void close() {
        closing = true;
        try {
            console.close();
        } catch (IOException e) {
            // already closed
        }
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroy();  // lab/bin/lab's trap kills the guest's process group
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(10, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
