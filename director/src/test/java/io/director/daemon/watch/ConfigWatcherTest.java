package io.director.daemon.watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.director.daemon.EventLog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The watcher against the host's real filesystem: every wait is for a callback or a log line, with a
 * deadline well above the poll period, so a slow machine only makes the tests slower.
 */
class ConfigWatcherTest {
    static final Duration DEADLINE = Duration.ofSeconds(15);

    @TempDir Path dir;
    final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    final EventLog log = new EventLog(new PrintStream(logBytes, true), Clock.systemUTC());
    /** The file's content each time the watcher called back. */
    final BlockingQueue<String> reloads = new LinkedBlockingQueue<>();
    ConfigWatcher watcher;

    ConfigWatcher watch(Path file, boolean inotify) {
        watcher = new ConfigWatcher(file, Duration.ofMillis(100), Duration.ofMillis(250), inotify, log, () -> {
            try {
                reloads.add(Files.readString(file));
            } catch (IOException e) {
                reloads.add("unreadable: " + e);
            }
        });
        watcher.start();
        return watcher;
    }

    @AfterEach
    void close() {
        if (watcher != null) {
            watcher.close();
        }
    }

    Path config(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    /** How editors save: write a new file next to it, then rename it over the old one. */
    static void saveByRename(Path file, String text) {
        try {
            Path next = Files.writeString(file.resolveSibling(file.getFileName() + ".swp"), text);
            Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String nextReload() throws InterruptedException {
        String content = reloads.poll(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(content).as("a reload within " + DEADLINE).isNotNull();
        return content;
    }

    /** Waits for a reload that saw {@code content} (an in-place write may be seen half done first). */
    void awaitReloadOf(String content) throws InterruptedException {
        long end = System.nanoTime() + DEADLINE.toNanos();
        String last = null;
        while (System.nanoTime() < end) {
            last = reloads.poll(end - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (content.equals(last)) {
                return;
            }
        }
        throw new AssertionError("no reload of '" + content + "' within " + DEADLINE + "; last: " + last);
    }

    void awaitLog(String text) throws InterruptedException {
        long end = System.nanoTime() + DEADLINE.toNanos();
        while (!logBytes.toString().contains(text)) {
            assertThat(System.nanoTime()).as("log line '" + text + "' within " + DEADLINE + "; log:\n" + logBytes).isLessThan(end);
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }

    @Test
    void onALocalFilesystemInotifySeesEverySaveByRenameOnce() throws Exception {
        Path file = config("director.conf", "v1");
        watch(file, true);
        assertThat(watcher.mode()).isEqualTo(ConfigWatcher.Mode.INOTIFY);
        assertThat(logBytes.toString()).contains("event=config-watch file=" + file.toRealPath()).contains("mode=inotify");

        saveByRename(file, "v2");
        assertThat(nextReload()).isEqualTo("v2");
        saveByRename(file, "v3");
        assertThat(nextReload()).as("one reload per save, in order").isEqualTo("v3");
        assertThat(watcher.mode()).as("inotify reported the edits").isEqualTo(ConfigWatcher.Mode.INOTIFY);
    }

    @Test
    void anInPlaceWriteIsSeen() throws Exception {
        Path file = config("director.conf", "v1");
        watch(file, true);
        Files.writeString(file, "v2 written in place");
        awaitReloadOf("v2 written in place");
    }

    @Test
    void pollingSeesInPlaceWritesAndSavesByRename() throws Exception {
        Path file = config("director.conf", "v1");
        watch(file, false);
        assertThat(watcher.mode()).isEqualTo(ConfigWatcher.Mode.POLL);
        assertThat(logBytes.toString()).contains("mode=poll").contains("poll-ms=250");

        saveByRename(file, "v2");
        assertThat(nextReload()).isEqualTo("v2");
        Files.writeString(file, "v3, a longer text written in place");
        awaitReloadOf("v3, a longer text written in place");
        Files.writeString(file, "v4 same size as v3, written in place");
        awaitReloadOf("v4 same size as v3, written in place");
    }

    @Test
    void anEditInotifyDoesNotReportIsSeenByPollingAndTheWatcherSwitchesToPolling() throws Exception {
        // The configuration is a symbolic link into another folder: edits there make no event in the watched one.
        Path elsewhere = Files.createDirectory(dir.resolve("elsewhere"));
        Path target = Files.writeString(elsewhere.resolve("real.conf"), "v1");
        Path file = Files.createSymbolicLink(dir.resolve("director.conf"), target);
        watch(file, true);
        assertThat(watcher.mode()).isEqualTo(ConfigWatcher.Mode.INOTIFY);

        saveByRename(target, "v2");
        assertThat(nextReload()).isEqualTo("v2");
        awaitLog("reason=\"an edit came with no inotify event\"");
        assertThat(watcher.mode()).isEqualTo(ConfigWatcher.Mode.POLL);
        saveByRename(target, "v3");
        assertThat(nextReload()).isEqualTo("v3");
    }

    @Test
    void aDeletedFileIsNotReloadedUntilItIsBack() throws Exception {
        Path file = config("director.conf", "v1");
        watch(file, true);
        Files.delete(file);
        Files.writeString(dir.resolve("other.conf"), "an event in the folder after the delete");
        saveByRename(file, "v2");
        assertThat(nextReload()).as("the first reload is of the file that came back").isEqualTo("v2");
    }
}
