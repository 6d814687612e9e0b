package io.director.daemon.watch;

import io.director.daemon.EventLog;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Watches the configuration file and calls back once per settled edit ({@link EditSettler}). Two ways
 * to notice an edit, and the log says which is in use:
 * <ul>
 * <li>{@code inotify}: events on the file's folder, not the file, since an editor that saves by writing
 * a new file and renaming it over the old one replaces the inode a file watch would follow. The file is
 * also looked at once per poll period, so an edit inotify fails to report is still seen; after one such
 * edit the watcher polls only.</li>
 * <li>{@code poll}: the file's identity, size and times once per poll period, where inotify is missing
 * or known to miss changes (network and host-shared filesystems, see {@link InotifyFilesystems}).</li>
 * </ul>
 */
public final class ConfigWatcher implements AutoCloseable {
    public static final Duration DEBOUNCE = Duration.ofMillis(300);
    public static final Duration POLL = Duration.ofSeconds(1);

    /** How the watcher learns of an edit; {@link #mode()}. */
    public enum Mode { INOTIFY, POLL }

    private final Path file;
    private final Runnable onChange;
    private final EventLog log;
    private final EditSettler settler;
    private final long pollNanos;
    private final Thread thread;
    private volatile WatchService watch;   // null when polling
    private volatile boolean closed;

    /**
     * Watches {@code file} with inotify where the filesystem supports it reliably, else by polling;
     * {@code events}: false forces polling. Logs the mode. Call {@link #start()} to begin.
     */
    ConfigWatcher(Path file, Duration debounce, Duration poll, boolean events, EventLog log, Runnable onChange) {
        this.file = file.toAbsolutePath().normalize();
        this.onChange = onChange;
        this.log = log;
        this.pollNanos = poll.toNanos();
        this.settler = new EditSettler(stateOf(this.file), debounce, poll);
        Path dir = this.file.getParent();
        String fs = fileSystemType(dir);
        Optional<String> whyNot = events ? InotifyFilesystems.whyNot(fs) : Optional.of("inotify not wanted");
        if (whyNot.isEmpty()) {
            try {
                WatchService w = FileSystems.getDefault().newWatchService();
                try {
                    dir.register(w, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                            StandardWatchEventKinds.ENTRY_DELETE);
                } catch (IOException | RuntimeException e) {
                    w.close();
                    throw e;
                }
                this.watch = w;
            } catch (IOException | RuntimeException e) {
                whyNot = Optional.of("inotify unavailable: " + e.getMessage());
            }
        }
        if (watch != null) {
            log.event("config-watch", "file", this.file, "mode", "inotify", "fs", fs, "debounce-ms", debounce.toMillis(),
                    "also-polling-ms", poll.toMillis());
        } else {
            log.event("config-watch", "file", this.file, "mode", "poll", "fs", fs, "poll-ms", poll.toMillis(),
                    "reason", whyNot.get());
        }
        this.thread = new Thread(this::run, "config-watcher");
        this.thread.setDaemon(true);
    }

    /** The daemon's watcher: default debounce and poll period, inotify where it can be trusted. */
    public static ConfigWatcher start(Path file, EventLog log, Runnable onChange) {
        ConfigWatcher w = new ConfigWatcher(file, DEBOUNCE, POLL, true, log, onChange);
        w.start();
        return w;
    }

    void start() {
        thread.start();
    }

    public Mode mode() {
        return watch != null ? Mode.INOTIFY : Mode.POLL;
    }

    private void run() {
        long next = System.nanoTime() + pollNanos;
        try {
            while (!closed) {
                boolean event = awaitEvent(next - System.nanoTime());
                EditSettler.Decision d = settler.look(System.nanoTime(), stateOf(file), event);
                if (d.reload()) {
                    if (d.unreported() && watch != null) {
                        stopInotify();
                        log.event("config-watch", "file", file, "mode", "poll", "poll-ms", pollNanos / 1_000_000,
                                "reason", "an edit came with no inotify event");
                    }
                    try {
                        onChange.run();
                    } catch (RuntimeException e) {
                        log.event("config-watch-failed", "file", file, "error", String.valueOf(e.getMessage()));
                    }
                }
                next = d.nextLookNanos();
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closed
        }
    }

    /** Waits up to {@code nanos} for an event in the file's folder (or just waits, when polling); true if one came. */
    private boolean awaitEvent(long nanos) throws InterruptedException {
        WatchService w = watch;
        if (w == null) {
            if (nanos > 0) {
                TimeUnit.NANOSECONDS.sleep(nanos);
            }
            return false;
        }
        WatchKey key = nanos > 0 ? w.poll(nanos, TimeUnit.NANOSECONDS) : w.poll();
        boolean any = false;
        while (key != null) {
            any |= !key.pollEvents().isEmpty();
            key.reset();
            key = w.poll();
        }
        return any;
    }

    private void stopInotify() {
        WatchService w = watch;
        watch = null;
        try {
            w.close();
        } catch (IOException e) {
            // nothing left to release
        }
    }

    /** The file's state, following a symbolic link to what it points at. */
    static FileState stateOf(Path file) {
        try {
            Map<String, Object> unix = Files.readAttributes(file, "unix:dev,ino,size,lastModifiedTime,ctime");
            return new FileState(true, unix.get("dev") + ":" + unix.get("ino"), (Long) unix.get("size"),
                    ((FileTime) unix.get("lastModifiedTime")).to(TimeUnit.NANOSECONDS),
                    ((FileTime) unix.get("ctime")).to(TimeUnit.NANOSECONDS));
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            return basicStateOf(file);
        } catch (IOException e) {
            return FileState.ABSENT;
        }
    }

    private static FileState basicStateOf(Path file) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return new FileState(true, a.fileKey(), a.size(), a.lastModifiedTime().to(TimeUnit.NANOSECONDS), -1);
        } catch (IOException e) {
            return FileState.ABSENT;
        }
    }

    private static String fileSystemType(Path dir) {
        try {
            return Files.getFileStore(dir).type();
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    @Override
    public void close() {
        closed = true;
        WatchService w = watch;
        if (w != null) {
            try {
                w.close();
            } catch (IOException e) {
                // nothing left to release
            }
        }
        thread.interrupt();
    }
}
